using System.Text.Json.Serialization;

namespace Portal.Engine.Volumes;

[JsonSourceGenerationOptions(WriteIndented = true)]
[JsonSerializable(typeof(VolumeRecord))]
internal sealed partial class VolumeJsonContext : JsonSerializerContext;
