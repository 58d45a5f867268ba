using System.Text.Json.Serialization;

namespace Portal.Engine.Images;

/// <summary>images.json: every image and the size of every stored layer. Rewritten atomically.</summary>
internal sealed class StoreIndex
{
    [JsonPropertyName("images")] public List<StoredImage> Images { get; set; } = [];
    /// <summary>diff_id hex → uncompressed content bytes.</summary>
    [JsonPropertyName("layerSizes")] public Dictionary<string, long> LayerSizes { get; set; } = [];
}
