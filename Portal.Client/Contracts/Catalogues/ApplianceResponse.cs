namespace Portal.Client.Contracts;

/// <summary>An appliance in the catalogue with its versions, newest first.</summary>
public sealed record ApplianceResponse(
    int Id, string StableId, string Title, string? Tagline, string? Description, string? Category, string Vendor,
    IReadOnlyList<ApplianceVersionResponse> Versions);
