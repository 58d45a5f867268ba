using System.Text.Json.Serialization;

namespace Portal.Server.Catalogues.Manifests;

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ApplianceManifest))]
internal sealed partial class ApplianceManifestJsonContext : JsonSerializerContext;
