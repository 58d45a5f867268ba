namespace Portal.Client.Contracts;

/// <summary>
/// GET /api/v1/metrics/deployments (admins): a deployment with its team, appliance and newest 1 Hz sample;
/// <see cref="Metrics"/> is null while no sample exists (not running, or the sampler has not seen it yet).
/// </summary>
public sealed record DeploymentUsageResponse(
    Guid DeploymentId,
    string Name,
    int TeamId,
    string Team,
    string Appliance,
    string? ApplianceVersion,
    string Status,
    DeploymentMetrics? Metrics);
