using System.Text.Json.Serialization;

namespace Portal.Engine.Network.Networks;

[JsonSourceGenerationOptions(WriteIndented = true, PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    UseStringEnumConverter = true)]
[JsonSerializable(typeof(NetworkFile))]
internal sealed partial class NetworkJsonContext : JsonSerializerContext;
