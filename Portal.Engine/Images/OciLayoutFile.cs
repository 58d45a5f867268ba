using System.Text.Json.Serialization;

namespace Portal.Engine.Images;

internal sealed class OciLayoutFile
{
    [JsonPropertyName("imageLayoutVersion")] public string ImageLayoutVersion { get; set; } = "1.0.0";
}
