using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.HttpResults;
using Portal.Engine.Containers;
using Portal.Engine.Errors;

namespace Portal.Server.Apis.Docker;

/// <summary>Container lifecycle and inspection: create, start, stop, kill, restart, wait, remove, inspect, list.</summary>
internal static class ContainersApi
{
    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapPost("/containers/create", CreateAsync);
        app.MapGet("/containers/json", ListAsync);
        app.MapGet("/containers/{id}/json", InspectAsync);
        app.MapPost("/containers/{id}/start", StartAsync);
        app.MapPost("/containers/{id}/stop", StopAsync);
        app.MapPost("/containers/{id}/kill", KillAsync);
        app.MapPost("/containers/{id}/restart", RestartAsync);
        app.MapPost("/containers/{id}/wait", WaitAsync);
        app.MapDelete("/containers/{id}", RemoveAsync);
    }

    private static async Task<DockerJsonResult> CreateAsync(HttpContext context, IContainerService containers)
    {
        using var body = await JsonDocument.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted);
        var request = ContainerCreateMapper.Map(body.RootElement, context.Request.String("name"));
        var created = await containers.CreateAsync(request, context.RequestAborted);
        return new DockerJsonResult(new JsonObject { ["Id"] = created.Id, ["Warnings"] = new JsonArray() }, StatusCodes.Status201Created);
    }

    private static async Task<DockerJsonResult> InspectAsync(string id, HttpContext context, IContainerService containers) =>
        new(ContainerJson.Inspect(await containers.InspectAsync(id, context.RequestAborted)));

    private static async Task<Results<NoContent, StatusCodeHttpResult>> StartAsync(string id, HttpContext context, IContainerService containers) =>
        await containers.StartAsync(id, context.RequestAborted) ? TypedResults.NoContent() : TypedResults.StatusCode(StatusCodes.Status304NotModified);

    private static async Task<Results<NoContent, StatusCodeHttpResult>> StopAsync(string id, HttpContext context, IContainerService containers)
    {
        var stopped = await containers.StopAsync(id, context.Request.Int("t"), context.Request.String("signal"), context.RequestAborted);
        return stopped ? TypedResults.NoContent() : TypedResults.StatusCode(StatusCodes.Status304NotModified);
    }

    private static async Task<NoContent> KillAsync(string id, HttpContext context, IContainerService containers)
    {
        await containers.KillAsync(id, context.Request.String("signal"), context.RequestAborted);
        return TypedResults.NoContent();
    }

    private static async Task<NoContent> RestartAsync(string id, HttpContext context, IContainerService containers)
    {
        await containers.RestartAsync(id, context.Request.Int("t"), context.RequestAborted);
        return TypedResults.NoContent();
    }

    private static async Task<NoContent> RemoveAsync(string id, HttpContext context, IContainerService containers)
    {
        // docker rm -v: the container's anonymous volumes go with it; named ones stay.
        var anonymous = context.Request.Bool("v")
            ? (await containers.InspectAsync(id, context.RequestAborted)).Mounts.Where(m => m.Anonymous).Select(m => m.Name).ToList()
            : [];
        await containers.RemoveAsync(id, context.Request.Bool("force"), context.RequestAborted);
        if (anonymous.Count > 0)
        {
            await VolumesApi.Volumes(context).RemoveAnonymousVolumesAsync(anonymous, context.RequestAborted);
        }

        return TypedResults.NoContent();
    }

    /// <summary>
    /// The response headers go out as soon as the wait is registered: docker run sends /start only after
    /// they arrive, so holding them until the exit would deadlock it.
    /// </summary>
    private static async Task WaitAsync(string id, HttpContext context, IContainerService containers)
    {
        var condition = context.Request.String("condition") switch
        {
            null or "not-running" => WaitCondition.NotRunning,
            "next-exit" => WaitCondition.NextExit,
            "removed" => WaitCondition.Removed,
            var other => throw new InvalidArgumentException($"invalid condition: \"{other}\" (want not-running, next-exit or removed)"),
        };

        var wait = containers.WaitAsync(id, condition, context.RequestAborted);
        if (wait.IsCompleted)
        {
            await wait;
        }

        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = DockerJsonResult.ContentType;
        await context.Response.StartAsync(context.RequestAborted);
        await context.Response.Body.FlushAsync(context.RequestAborted);

        JsonObject body;
        try
        {
            var result = await wait;
            body = new JsonObject
            {
                ["StatusCode"] = result.StatusCode,
                ["Error"] = result.Error is null ? null : new JsonObject { ["Message"] = result.Error },
            };
        }
        catch (EngineException e)
        {
            body = new JsonObject { ["StatusCode"] = 125, ["Error"] = new JsonObject { ["Message"] = e.Message } };
        }

        await DockerJsonResult.WriteLineAsync(context.Response, body, context.RequestAborted);
    }

    private static async Task<DockerJsonResult> ListAsync(HttpContext context, IContainerService containers)
    {
        var filters = DockerFilters.Parse(context.Request.String("filters"), "name", "label", "status", "id", "ancestor");
        var limit = context.Request.Int("limit") ?? -1;
        var all = context.Request.Bool("all") || limit > 0 || !filters.Matches("status", s => s == "running");
        var now = DateTimeOffset.UtcNow;
        var matching = (await containers.ListAsync(all, context.RequestAborted))
            .Where(c => Matches(c, filters))
            .OrderByDescending(c => c.Created);
        var selected = limit > 0 ? matching.Take(limit) : matching;
        return new DockerJsonResult(new JsonArray([.. selected.Select(c => (JsonNode)ContainerJson.ListItem(c, now))]));
    }

    internal static bool Matches(ContainerDetails c, DockerFilters filters) =>
        filters.Matches("name", pattern => NameMatches(pattern, c.Name))
        && filters.Matches("id", id => c.Id.StartsWith(id, StringComparison.Ordinal))
        && filters.Matches("status", status => ContainerJson.StatusName(c.State.Status) == status)
        && filters.Matches("ancestor", image => c.Config.Image == image || c.ImageId == image
            || c.ImageId.StartsWith("sha256:" + image, StringComparison.Ordinal))
        && filters.MatchesLabels(c.Config.Labels);

    private static bool NameMatches(string pattern, string name)
    {
        try
        {
            return Regex.IsMatch("/" + name, pattern, RegexOptions.None, TimeSpan.FromSeconds(1))
                || Regex.IsMatch(name, pattern, RegexOptions.None, TimeSpan.FromSeconds(1));
        }
        catch (ArgumentException e)
        {
            throw new InvalidArgumentException($"invalid name filter '{pattern}': {e.Message}");
        }
    }
}
