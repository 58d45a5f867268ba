using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.HttpResults;
using Portal.Engine.Containers;
using Portal.Engine.Errors;
using Portal.Engine.Images;

namespace Portal.Server.Apis.Docker;

/// <summary>
/// Images: load, list, inspect, tag, remove. Names may hold slashes ("localhost/probe:1"), which the CLI
/// sends as plain path segments, so the name routes are catch-alls that split off the action suffix.
/// </summary>
internal static class ImagesApi
{
    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapPost("/images/load", LoadAsync);
        app.MapPost("/images/create", Pull);
        app.MapGet("/images/json", ListAsync);
        app.MapGet("/images/{**path}", InspectAsync);
        app.MapPost("/images/{**path}", TagAsync);
        app.MapDelete("/images/{**path}", RemoveAsync);
    }

    /// <summary>
    /// The archive streams straight from the request into the image store. The 200 and its headers go out
    /// first, as Docker's do, so a failure is reported in the JSON message stream the CLI decodes.
    /// </summary>
    private static async Task LoadAsync(HttpContext context, IImageService images, ILoggerFactory loggerFactory)
    {
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = DockerJsonResult.ContentType;
        await context.Response.StartAsync(context.RequestAborted);
        await context.Response.Body.FlushAsync(context.RequestAborted);
        IReadOnlyList<ImageLoadResult> loaded;
        try
        {
            loaded = await images.LoadAsync(context.Request.Body, context.RequestAborted);
        }
        catch (Exception e) when (e is EngineException or IOException or InvalidDataException)
        {
            DockerApiLog.LoadFailed(loggerFactory.CreateLogger(typeof(ImagesApi)), e, e.Message);
            var error = new JsonObject { ["errorDetail"] = new JsonObject { ["message"] = e.Message }, ["error"] = e.Message };
            await DockerJsonResult.WriteLineAsync(context.Response, error, context.RequestAborted);
            return;
        }

        foreach (var image in loaded)
        {
            var lines = image.RepoTags.Count == 0
                ? [$"Loaded image ID: {image.Id}\n"]
                : image.RepoTags.Select(tag => $"Loaded image: {tag}\n");
            foreach (var line in lines)
            {
                await DockerJsonResult.WriteLineAsync(context.Response, new JsonObject { ["stream"] = line }, context.RequestAborted);
            }
        }
    }

    private static DockerJsonResult Pull(HttpContext context)
    {
        var image = context.Request.String("fromImage") ?? context.Request.String("fromSrc") ?? "";
        var tag = context.Request.String("tag");
        var reference = tag is null ? image : $"{image}:{tag}";
        return DockerJsonResult.Error(StatusCodes.Status404NotFound,
            $"pulling images is not supported; load the image with docker load (requested {reference})");
    }

    private static async Task<DockerJsonResult> ListAsync(HttpContext context, IImageService images, IContainerService containers)
    {
        var filters = DockerFilters.Parse(context.Request.String("filters"), "reference", "label", "dangling");
        var used = (await containers.ListAsync(all: true, context.RequestAborted))
            .GroupBy(c => c.ImageId)
            .ToDictionary(g => g.Key, g => g.Count());
        var list = (await images.ListAsync(context.RequestAborted))
            .Where(i => filters.MatchesLabels(i.Config.Labels)
                && filters.Matches("reference", r => i.RepoTags.Any(t => t == r || t.StartsWith(r + ":", StringComparison.Ordinal)))
                && filters.Matches("dangling", d => (d == "true") == (i.RepoTags.Count == 0)))
            .OrderByDescending(i => i.Created)
            .Select(i => (JsonNode)ImageJson.ListItem(i, used.GetValueOrDefault(i.Id)));
        return new DockerJsonResult(new JsonArray([.. list]));
    }

    private static async Task<DockerJsonResult> InspectAsync(string path, HttpContext context, IImageService images)
    {
        var name = NameBefore(context, path, "/json");
        return new DockerJsonResult(ImageJson.Inspect(await images.InspectAsync(name, context.RequestAborted)));
    }

    private static async Task<Created> TagAsync(string path, HttpContext context, IImageService images)
    {
        var name = NameBefore(context, path, "/tag");
        var repository = context.Request.String("repo") ?? throw new InvalidArgumentException("tag: the repo parameter is required");
        await images.TagAsync(name, repository, context.Request.String("tag") ?? "latest", context.RequestAborted);
        return TypedResults.Created();
    }

    private static async Task<DockerJsonResult> RemoveAsync(string path, HttpContext context, IImageService images)
    {
        var results = await images.RemoveAsync(Uri.UnescapeDataString(path), context.Request.Bool("force"), context.RequestAborted);
        var body = results.Select(r => (JsonNode)(r.Untagged is not null
            ? new JsonObject { ["Untagged"] = r.Untagged }
            : new JsonObject { ["Deleted"] = r.Deleted }));
        return new DockerJsonResult(new JsonArray([.. body]));
    }

    private static string NameBefore(HttpContext context, string path, string suffix) =>
        path.EndsWith(suffix, StringComparison.Ordinal) && path.Length > suffix.Length
            ? Uri.UnescapeDataString(path[..^suffix.Length])
            : throw new NotFoundException($"page not found: {context.Request.Method} {context.Request.Path}");
}
