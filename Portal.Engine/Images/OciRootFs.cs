using System.Text.Json.Serialization;

namespace Portal.Engine.Images;

internal sealed class OciRootFs
{
    [JsonPropertyName("type")] public string Type { get; set; } = "layers";
    [JsonPropertyName("diff_ids")] public List<string> DiffIds { get; set; } = [];
}
