using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.HttpResults;
using Portal.Engine.Errors;
using Portal.Engine.Volumes;

namespace Portal.Server.Apis.Docker;

/// <summary>/volumes: list, create, inspect, remove, prune (local driver only).</summary>
internal static class VolumesApi
{
    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/volumes", (Delegate)ListAsync);
        app.MapPost("/volumes/create", (Delegate)CreateAsync);
        app.MapPost("/volumes/prune", (Delegate)PruneAsync);
        app.MapGet("/volumes/{name}", InspectAsync);
        app.MapDelete("/volumes/{name}", RemoveAsync);
    }

    /// <summary>The engine's volume service; absent in a host built without one (e.g. over fakes).</summary>
    internal static IVolumeService Volumes(HttpContext context) =>
        context.RequestServices.GetService<IVolumeService>() ?? throw new InvalidArgumentException("volumes are not available in this engine");

    private static async Task<DockerJsonResult> ListAsync(HttpContext context)
    {
        var filters = DockerFilters.Parse(context.Request.String("filters"), "name", "label", "dangling", "driver");
        var volumes = await Volumes(context).ListVolumesAsync(context.RequestAborted);
        var list = volumes
            .Where(v => filters.Matches("name", n => v.Name.Contains(n, StringComparison.Ordinal)))
            .Where(v => filters.Matches("driver", d => v.Driver == d))
            .Where(v => filters.Matches("dangling", d => Dangling(d) == (v.UsedBy.Count == 0)))
            .Where(v => filters.MatchesLabels(v.Labels))
            .Select(v => (JsonNode?)VolumeJson.Volume(v));
        return new DockerJsonResult(new JsonObject { ["Volumes"] = new JsonArray([.. list]), ["Warnings"] = new JsonArray() });
    }

    private static async Task<DockerJsonResult> CreateAsync(HttpContext context)
    {
        using var body = await JsonDocument.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted);
        var created = await Volumes(context).CreateVolumeAsync(ParseCreate(body.RootElement), context.RequestAborted);
        return new DockerJsonResult(VolumeJson.Volume(created), StatusCodes.Status201Created);
    }

    internal static VolumeCreateRequest ParseCreate(JsonElement body)
    {
        if (body.ValueKind != JsonValueKind.Object)
        {
            throw new InvalidArgumentException("volume create: want a JSON object");
        }

        if (Text(body, "Driver") is { Length: > 0 } driver && driver != VolumeStore.LocalDriver)
        {
            throw new InvalidArgumentException($"Driver: volume driver '{driver}' is not supported (only local)");
        }

        if (body.TryGetProperty("DriverOpts", out var opts) && opts.ValueKind == JsonValueKind.Object && opts.EnumerateObject().Any())
        {
            throw new InvalidArgumentException($"DriverOpts: driver options are not supported ({string.Join(", ", opts.EnumerateObject().Select(o => o.Name))})");
        }

        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        if (body.TryGetProperty("Labels", out var labelNode) && labelNode.ValueKind == JsonValueKind.Object)
        {
            foreach (var label in labelNode.EnumerateObject())
            {
                labels[label.Name] = label.Value.ValueKind == JsonValueKind.String
                    ? label.Value.GetString()!
                    : throw new InvalidArgumentException($"Labels.{label.Name}: want a string, got {label.Value.GetRawText()}");
            }
        }

        if (body.TryGetProperty("Name", out var name) && name.ValueKind is not (JsonValueKind.String or JsonValueKind.Null))
        {
            throw new InvalidArgumentException($"Name: want a string, got {name.GetRawText()}");
        }

        return new VolumeCreateRequest { Name = Text(body, "Name"), Labels = labels };
    }

    private static async Task<DockerJsonResult> InspectAsync(string name, HttpContext context) =>
        new(VolumeJson.Volume(await Volumes(context).InspectVolumeAsync(name, context.RequestAborted)));

    private static async Task<NoContent> RemoveAsync(string name, HttpContext context)
    {
        await Volumes(context).RemoveVolumeAsync(name, context.Request.Bool("force"), context.RequestAborted);
        return TypedResults.NoContent();
    }

    /// <summary>Docker ≥ 1.42: only anonymous volumes unless the filter all=true; label and label! filters narrow it.</summary>
    private static async Task<DockerJsonResult> PruneAsync(HttpContext context)
    {
        var filters = DockerFilters.Parse(context.Request.String("filters"), "label", "all");
        var all = !filters.Matches("all", v => v is not ("true" or "1"));
        var result = await Volumes(context).PruneVolumesAsync(all, v => !filters.MatchesLabels(v.Labels), context.RequestAborted);
        return new DockerJsonResult(new JsonObject
        {
            ["VolumesDeleted"] = JsonNodes.Strings(result.Deleted),
            ["SpaceReclaimed"] = result.SpaceReclaimed,
        });
    }

    private static bool Dangling(string value) => value switch
    {
        "true" or "1" => true,
        "false" or "0" => false,
        _ => throw new InvalidArgumentException($"invalid filter 'dangling={value}': want true or false"),
    };

    private static string? Text(JsonElement obj, string field) =>
        obj.TryGetProperty(field, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text
            ? text
            : null;
}
