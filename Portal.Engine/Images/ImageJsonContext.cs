using System.Text.Json.Serialization;

namespace Portal.Engine.Images;

/// <summary>Source-generated JSON for archive documents and the store index (the engine is AOT-compatible).</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull, ReadCommentHandling = System.Text.Json.JsonCommentHandling.Skip)]
[JsonSerializable(typeof(OciIndex))]
[JsonSerializable(typeof(OciManifest))]
[JsonSerializable(typeof(OciLayoutFile))]
[JsonSerializable(typeof(OciImageConfigFile))]
[JsonSerializable(typeof(List<DockerManifestEntry>))]
[JsonSerializable(typeof(Dictionary<string, Dictionary<string, string>>))]
[JsonSerializable(typeof(Dictionary<string, string>))]
[JsonSerializable(typeof(StoreIndex))]
internal sealed partial class ImageJsonContext : JsonSerializerContext;
