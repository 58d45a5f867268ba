using System.Globalization;
using System.Text.Json.Nodes;
using Portal.Engine.Containers;
using Portal.Engine.Volumes;

namespace Portal.Server.Apis.Docker;

/// <summary>Docker's shapes for a volume and for a container's Mounts.</summary>
internal static class VolumeJson
{
    public static JsonObject Volume(VolumeDetails v) => new()
    {
        ["CreatedAt"] = v.CreatedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
        ["Driver"] = v.Driver,
        ["Labels"] = JsonNodes.Map(v.Labels),
        ["Mountpoint"] = v.Mountpoint,
        ["Name"] = v.Name,
        ["Options"] = null,
        ["Scope"] = v.Scope,
    };

    public static JsonArray Mounts(ContainerDetails c) => new([.. c.Mounts.Select(m => (JsonNode?)new JsonObject
    {
        ["Type"] = "volume",
        ["Name"] = m.Name,
        ["Source"] = m.Source,
        ["Destination"] = m.Destination,
        ["Driver"] = VolumeStore.LocalDriver,
        ["Mode"] = m.ReadOnly ? "ro" : "",
        ["RW"] = !m.ReadOnly,
        ["Propagation"] = "",
    })]);
}
