using Portal.Server.Catalogues.Manifests;

namespace Portal.Server.Catalogues.Bundles;

/// <summary>One appliance directory that passed every check, ready to commit.</summary>
internal sealed record ValidatedAppliance(
    int Index,
    string ManifestYaml,
    ApplianceManifest Manifest,
    byte[] Icon,
    string IconMediaType,
    string ImagePath,
    string ImageDigest,
    bool AlreadyStored)
{
    public IReadOnlyList<ValidatedScreenshot> Screenshots { get; init; } = [];

    public string Id => Manifest.Appliance.Id;
    public string Version => Manifest.Appliance.Version;
}
