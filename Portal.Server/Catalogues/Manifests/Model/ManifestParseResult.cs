namespace Portal.Server.Catalogues.Manifests;

/// <summary>
/// The outcome of parsing: every problem found, and the manifest as far as it could be read (null only when the YAML
/// itself could not be read). Use the manifest only when <see cref="IsValid"/>.
/// </summary>
public sealed record ManifestParseResult(ApplianceManifest? Manifest, IReadOnlyList<ManifestProblem> Problems)
{
    public bool IsValid => Manifest is not null && Problems.Count == 0;
}
