using System.Text.Json.Serialization;

namespace Portal.Engine.Images;

internal sealed class OciPlatform
{
    [JsonPropertyName("architecture")] public string? Architecture { get; set; }
    [JsonPropertyName("os")] public string? Os { get; set; }
}
