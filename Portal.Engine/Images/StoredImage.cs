using System.Text.Json.Serialization;

namespace Portal.Engine.Images;

/// <summary>One image in the store's index (images.json). The config blob holds the rest.</summary>
internal sealed class StoredImage
{
    /// <summary>Hex of the config digest.</summary>
    [JsonPropertyName("id")] public string Id { get; set; } = "";
    [JsonPropertyName("repoTags")] public List<string> RepoTags { get; set; } = [];
    /// <summary>Hex of each diff_id, lowest first.</summary>
    [JsonPropertyName("layers")] public List<string> Layers { get; set; } = [];
    /// <summary>Hex of the manifest blob kept for this image, when the archive had one.</summary>
    [JsonPropertyName("manifest")] public string? Manifest { get; set; }
    [JsonPropertyName("annotations")] public Dictionary<string, string> Annotations { get; set; } = [];
    [JsonPropertyName("loaded")] public DateTimeOffset Loaded { get; set; }
}
