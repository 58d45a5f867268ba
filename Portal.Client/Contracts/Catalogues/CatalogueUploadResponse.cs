namespace Portal.Client.Contracts;

/// <summary>What an upload did: the versions it added and those it listed unchanged, or every problem with its path.</summary>
public sealed record CatalogueUploadResponse(
    string Status, int? CatalogueId, string Vendor, string CatalogueVersion,
    IReadOnlyList<ImportedVersion> Added, IReadOnlyList<ImportedVersion> Unchanged, IReadOnlyList<UploadProblem> Problems);
