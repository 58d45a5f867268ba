using Portal.Server.Catalogues.Manifests;

namespace Portal.Server.Catalogues.Bundles;

internal sealed record ValidatedBundle(CatalogueFile Catalogue, IReadOnlyList<ValidatedAppliance> Appliances, IReadOnlyList<ManifestProblem> Problems, bool VersionExists);
