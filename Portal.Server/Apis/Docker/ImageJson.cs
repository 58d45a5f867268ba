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
        ["RepoTags"] = JsonNodes.Strings(image.RepoTags),
        ["RepoDigests"] = JsonNodes.Strings(image.RepoDigests),
        ["Created"] = image.Created is { } created ? DockerTime.UnixSeconds(created) : 0,
        ["Size"] = image.Size,
        ["SharedSize"] = -1,
        ["VirtualSize"] = image.Size,
        ["Labels"] = JsonNodes.Map(image.Config.Labels),
        ["Containers"] = containers,
    };

    public static JsonObject Inspect(ImageDetails image)
    {
        var config = image.Config;
        return new JsonObject
        {
            ["Id"] = image.Id,
            ["RepoTags"] = JsonNodes.Strings(image.RepoTags),
            ["RepoDigests"] = JsonNodes.Strings(image.RepoDigests),
            ["Parent"] = "",
            ["Comment"] = "",
            ["Created"] = DockerTime.Rfc3339Nano(image.Created),
            ["DockerVersion"] = "",
            ["Author"] = image.Author ?? "",
            ["Config"] = new JsonObject
            {
                ["Env"] = JsonNodes.Strings(config.Env),
                ["Cmd"] = config.Cmd is null ? null : JsonNodes.Strings(config.Cmd),
                ["Entrypoint"] = config.Entrypoint is null ? null : JsonNodes.Strings(config.Entrypoint),
                ["WorkingDir"] = config.WorkingDir,
                ["User"] = config.User,
                ["ExposedPorts"] = config.ExposedPorts.Count == 0 ? null : JsonNodes.Set(config.ExposedPorts),
                ["Volumes"] = config.Volumes.Count == 0 ? null : JsonNodes.Set(config.Volumes),
                ["Labels"] = JsonNodes.Map(config.Labels),
                ["StopSignal"] = config.StopSignal,
            },
            ["Architecture"] = image.Architecture,
            ["Os"] = image.Os,
            ["Size"] = image.Size,
            ["GraphDriver"] = new JsonObject { ["Name"] = "overlay2", ["Data"] = null },
            ["RootFS"] = new JsonObject { ["Type"] = "layers", ["Layers"] = JsonNodes.Strings(image.DiffIds) },
            ["Metadata"] = new JsonObject { ["LastTagTime"] = DockerTime.Zero },
        };
    }
}
