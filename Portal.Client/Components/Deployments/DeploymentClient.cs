using System.Globalization;
using Portal.Client.Services;

namespace Portal.Client.Components.Deployments;

/// <summary>The deployment operations of docs/deployments.md: each sends the version the page read, so a stale page gets a readable 409.</summary>
public sealed class DeploymentClient(PortalApi api)
{
    public Task<List<DeploymentResponse>> MineAsync(CancellationToken cancellationToken) =>
        api.GetAsync<List<DeploymentResponse>>("api/v1/deployments", cancellationToken);

    public Task<DeploymentResponse> GetAsync(int teamId, Guid id, CancellationToken cancellationToken) =>
        api.GetAsync<DeploymentResponse>(Path(teamId, id), cancellationToken);

    /// <summary><paramref name="operation"/> is start, stop, restart or rollback.</summary>
    public Task<DeploymentResponse> OperateAsync(DeploymentResponse deployment, string operation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(deployment);
        return api.PostAsync<DeploymentResponse>($"{Path(deployment.TeamId, deployment.Id)}/{operation}", new DeploymentOperationBody(deployment.Version), cancellationToken);
    }

    public Task<DeploymentResponse> UpgradeAsync(DeploymentResponse deployment, int targetVersionId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(deployment);
        return api.PostAsync<DeploymentResponse>($"{Path(deployment.TeamId, deployment.Id)}/upgrade", new DeploymentOperationBody(deployment.Version, targetVersionId), cancellationToken);
    }

    public Task RemoveAsync(DeploymentResponse deployment, bool deleteData, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(deployment);
        return api.DeleteAsync(string.Create(CultureInfo.InvariantCulture,
            $"{Path(deployment.TeamId, deployment.Id)}?deleteData={(deleteData ? "true" : "false")}&version={deployment.Version}"), cancellationToken);
    }

    public Task<ApplianceResponse> ApplianceAsync(int applianceId, CancellationToken cancellationToken) =>
        api.GetAsync<ApplianceResponse>(string.Create(CultureInfo.InvariantCulture, $"api/v1/appliances/{applianceId}"), cancellationToken);

    /// <summary><paramref name="range"/> is 1h, 24h or 30d.</summary>
    public Task<MetricHistoryResponse> HistoryAsync(int teamId, Guid id, string range, CancellationToken cancellationToken) =>
        api.GetAsync<MetricHistoryResponse>($"{Path(teamId, id)}/metrics?range={Uri.EscapeDataString(range)}", cancellationToken);

    public static string Path(int teamId, Guid id) => string.Create(CultureInfo.InvariantCulture, $"api/v1/teams/{teamId}/deployments/{id}");

    /// <summary>The versions of <paramref name="appliance"/> newer than <paramref name="currentVersionId"/>, newest first (the API lists newest first).</summary>
    public static IReadOnlyList<ApplianceVersionResponse> NewerVersions(ApplianceResponse appliance, int currentVersionId)
    {
        ArgumentNullException.ThrowIfNull(appliance);
        var current = appliance.Versions.ToList().FindIndex(v => v.Id == currentVersionId);
        return current < 0 ? [] : [.. appliance.Versions.Take(current)];
    }
}
