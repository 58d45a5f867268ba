namespace Portal.Client.Contracts;

/// <summary>
/// GET /api/v1/catalogues: one uploaded catalogue version of a vendor with the appliance versions it introduced and
/// how many deployments run each (<see cref="Deployments"/> is their sum).
/// </summary>
public sealed record CatalogueResponse(
    int Id,
    int VendorId,
    string Vendor,
    string CatalogueVersion,
    DateTimeOffset UploadedAt,
    string Status,
    IReadOnlyList<CatalogueApplianceVersionResponse> Versions,
    int Deployments);
