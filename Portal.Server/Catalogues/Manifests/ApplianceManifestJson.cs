using System.Text.Json;

namespace Portal.Server.Catalogues.Manifests;

/// <summary>The stored form of a validated manifest (ApplianceVersion.ManifestJson), so readers need not re-parse YAML.</summary>
public static class ApplianceManifestJson
{
    public static string Serialize(ApplianceManifest manifest) =>
        JsonSerializer.Serialize(manifest, ApplianceManifestJsonContext.Default.ApplianceManifest);

    public static ApplianceManifest Deserialize(string json) =>
        JsonSerializer.Deserialize(json, ApplianceManifestJsonContext.Default.ApplianceManifest)
        ?? throw new JsonException("the stored manifest is empty");
}
