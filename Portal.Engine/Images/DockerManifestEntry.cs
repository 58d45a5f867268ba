using System.Text.Json.Serialization;

namespace Portal.Engine.Images;

/// <summary>One element of a docker-archive's manifest.json.</summary>
internal sealed class DockerManifestEntry
{
    [JsonPropertyName("Config")] public string Config { get; set; } = "";
    [JsonPropertyName("RepoTags")] public List<string>? RepoTags { get; set; }
    [JsonPropertyName("Layers")] public List<string> Layers { get; set; } = [];
}
