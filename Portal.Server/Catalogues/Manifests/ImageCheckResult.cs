namespace Portal.Server.Catalogues.Manifests;

/// <summary>The manifest with the fields the image filled in, and the conflicts between the two.</summary>
public sealed record ImageCheckResult(ApplianceManifest Manifest, IReadOnlyList<ManifestProblem> Problems);
