using Portal.Server.Catalogues.Bundles;

namespace Portal.Server.Apis.Catalogues;

/// <summary>What an upload did: the versions it added and those it listed unchanged, or every problem with its path.</summary>
public sealed record CatalogueUploadResponse(
    string Status, int? CatalogueId, string Vendor, string CatalogueVersion,
    IReadOnlyList<ImportedVersion> Added, IReadOnlyList<ImportedVersion> Unchanged, IReadOnlyList<UploadProblem> Problems)
{
    public static CatalogueUploadResponse From(CatalogueImportResult r) => new(
        r.Status.ToString(), r.CatalogueId, r.Vendor, r.CatalogueVersion, r.Added, r.Unchanged,
        [.. r.Problems.Select(p => new UploadProblem(p.Path, p.Message, p.Line, p.Column, p.ToString()))]);
}

public sealed record UploadProblem(string Path, string Message, int? Line, int? Column, string Text);
