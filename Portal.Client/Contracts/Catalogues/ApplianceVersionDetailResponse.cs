namespace Portal.Client.Contracts;

/// <summary>
/// GET /api/v1/appliance-versions/{id}: one appliance version as its manifest describes it, with everything shown
/// before deploy (requirements, the security disclosure) and the settings the deploy form asks for, in manifest order.
/// </summary>
public sealed record ApplianceVersionDetailResponse(
    int Id,
    int ApplianceId,
    string StableId,
    string Title,
    string Version,
    string? Tagline,
    string? Description,
    string? ReleaseNotes,
    string? Category,
    string Vendor,
    bool HasIcon,
    string IconUrl,
    ApplianceLinksResponse Links,
    ApplianceRequirementsResponse Requirements,
    WebUiResponse? WebUi,
    SecurityDisclosureResponse Security,
    IReadOnlyList<ConfigSettingResponse> Config,
    DateTimeOffset CreatedAt)
{
    /// <summary>The version's screenshots in manifest order; empty when it has none.</summary>
    public IReadOnlyList<ApplianceScreenshotResponse> Screenshots { get; init; } = [];
}
