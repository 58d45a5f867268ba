using Portal.Server.Catalogues.Manifests;

namespace Portal.Server.Catalogues.Bundles;

/// <summary>
/// The outcome of a catalogue import: the new catalogue's id with the versions it added and those it lists that were
/// already stored identically; or every problem found, each with its path, when nothing was changed.
/// </summary>
public sealed record CatalogueImportResult
{
    public required CatalogueImportStatus Status { get; init; }
    public int? CatalogueId { get; init; }
    public string Vendor { get; init; } = "";
    public string CatalogueVersion { get; init; } = "";
    public IReadOnlyList<ImportedVersion> Added { get; init; } = [];
    public IReadOnlyList<ImportedVersion> Unchanged { get; init; } = [];
    public IReadOnlyList<ManifestProblem> Problems { get; init; } = [];

    public bool Succeeded => Status == CatalogueImportStatus.Imported;

    internal static CatalogueImportResult Failed(CatalogueImportStatus status, IReadOnlyList<ManifestProblem> problems) =>
        new() { Status = status, Problems = problems };
}
