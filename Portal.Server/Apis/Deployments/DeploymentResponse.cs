using Portal.Data.Entities;

namespace Portal.Server.Apis.Deployments;

/// <summary>A deployment as the API shows it; secret config values never leave the server.</summary>
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
    long Version)
{
    public static DeploymentResponse From(Deployment d, Uri? webUi) => new(
        d.Id, d.TeamId, d.Name, d.ApplianceVersionId, d.ApplianceVersion?.Version, d.PreviousApplianceVersionId,
        d.DesiredState.ToString(), d.ObservedStatus.ToString(), d.StatusReason, webUi, d.MemoryLimitBytes, d.NanoCpus,
        d.CreatedAt, d.UpdatedAt, d.Version);
}
