namespace Portal.Client.Contracts;

/// <summary>
/// A deployment as the API shows it; secret config values never leave the server. <see cref="ApplianceId"/> and
/// <see cref="ApplianceTitle"/> name the appliance it runs; <see cref="LatestApplianceVersionId"/> and
/// <see cref="LatestApplianceVersion"/> are that appliance's newest version (by catalogue import, as the catalogue
/// lists them): a newer version than the one running is there when they differ from <see cref="ApplianceVersionId"/>.
/// </summary>
public sealed record DeploymentResponse(
    Guid Id,
    int TeamId,
    string Name,
    int ApplianceVersionId,
    string? ApplianceVersion,
    int? PreviousApplianceVersionId,
    string DesiredState,
    string Status,
    string? StatusReason,
    Uri? WebUiUrl,
    long MemoryLimitBytes,
    long NanoCpus,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    long Version,
    int? ApplianceId = null,
    string? ApplianceTitle = null,
    int? LatestApplianceVersionId = null,
    string? LatestApplianceVersion = null)
{
    public bool UpgradeAvailable => LatestApplianceVersionId is { } latest && latest != ApplianceVersionId;
}
