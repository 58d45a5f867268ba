using System.Text.Json.Nodes;
using Portal.Engine.Images;

namespace Portal.Server.Apis.Docker;

/// <summary>Images in Docker's list and inspect shapes.</summary>
internal static class ImageJson
{
    public static JsonObject ListItem(ImageDetails image, int containers) => new()
    {
        ["Id"] = image.Id,
        ["ParentId"] = "",
        ["RepoTags"] = Strings(image.RepoTags),
        ["RepoDigests"] = Strings(image.RepoDigests),
        ["Created"] = image.Created is { } created ? DockerTime.UnixSeconds(created) : 0,
        ["Size"] = image.Size,
        ["SharedSize"] = -1,
        ["VirtualSize"] = image.Size,
        ["Labels"] = Map(image.Config.Labels),
        ["Containers"] = containers,
    };

    public static JsonObject Inspect(ImageDetails image)
    {
        var config = image.Config;
        return new JsonObject
        {
            ["Id"] = image.Id,
            ["RepoTags"] = Strings(image.RepoTags),
            ["RepoDigests"] = Strings(image.RepoDigests),
            ["Parent"] = "",
            ["Comment"] = "",
            ["Created"] = DockerTime.Rfc3339Nano(image.Created),
            ["DockerVersion"] = "",
            ["Author"] = image.Author ?? "",
            ["Config"] = new JsonObject
            {
                ["Env"] = Strings(config.Env),
                ["Cmd"] = config.Cmd is null ? null : Strings(config.Cmd),
                ["Entrypoint"] = config.Entrypoint is null ? null : Strings(config.Entrypoint),
                ["WorkingDir"] = config.WorkingDir,
                ["User"] = config.User,
                ["ExposedPorts"] = config.ExposedPorts.Count == 0 ? null : Keys(config.ExposedPorts),
                ["Volumes"] = config.Volumes.Count == 0 ? null : Keys(config.Volumes),
                ["Labels"] = Map(config.Labels),
                ["StopSignal"] = config.StopSignal,
            },
            ["Architecture"] = image.Architecture,
            ["Os"] = image.Os,
            ["Size"] = image.Size,
            ["GraphDriver"] = new JsonObject { ["Name"] = "overlay2", ["Data"] = null },
            ["RootFS"] = new JsonObject { ["Type"] = "layers", ["Layers"] = Strings(image.DiffIds) },
            ["Metadata"] = new JsonObject { ["LastTagTime"] = DockerTime.Zero },
        };
    }

    private static JsonArray Strings(IEnumerable<string> values) => new([.. values.Select(v => (JsonNode?)JsonValue.Create(v))]);

    private static JsonObject Map(IReadOnlyDictionary<string, string> values) =>
        new(values.Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)JsonValue.Create(kv.Value))));

    private static JsonObject Keys(IEnumerable<string> keys) =>
        new(keys.Select(k => KeyValuePair.Create(k, (JsonNode?)new JsonObject())));
}
