using System.Text.Json.Serialization;

namespace Portal.Engine.Images;

/// <summary>An image config blob (OCI image-spec config.md; Docker's is a superset).</summary>
internal sealed class OciImageConfigFile
{
    [JsonPropertyName("created")] public string? Created { get; set; }
    [JsonPropertyName("author")] public string? Author { get; set; }
    [JsonPropertyName("architecture")] public string? Architecture { get; set; }
    [JsonPropertyName("os")] public string? Os { get; set; }
    [JsonPropertyName("config")] public OciContainerConfig? Config { get; set; }
    [JsonPropertyName("rootfs")] public OciRootFs? RootFs { get; set; }
    [JsonPropertyName("history")] public List<OciHistory>? History { get; set; }
}
