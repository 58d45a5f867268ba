using Portal.Engine.Containers;

namespace Portal.Server.Metrics;

/// <summary>Every running container with a valid <c>portal.deployment</c> label, read through the engine.</summary>
public sealed partial class EngineDeploymentStatsSource(IContainerService containers, ILogger<EngineDeploymentStatsSource> logger)
    : IDeploymentStatsSource
{
    public const string DeploymentLabel = "portal.deployment";

    private readonly HashSet<string> _reportedBadLabels = new(StringComparer.Ordinal);

    public async Task<IReadOnlyList<DeploymentContainerStats>> ReadAsync(CancellationToken cancellationToken)
    {
        var running = await containers.ListAsync(all: false, cancellationToken).ConfigureAwait(false);
        var readings = new List<DeploymentContainerStats>();
        foreach (var container in running)
        {
            if (!container.Config.Labels.TryGetValue(DeploymentLabel, out var label))
            {
                continue;
            }

            if (!Guid.TryParse(label, out var deploymentId))
            {
                if (_reportedBadLabels.Add(container.Id))
                {
                    LogBadLabel(logger, container.Id, label);
                }

                continue;
            }

            try
            {
                var stats = await containers.GetStatsAsync(container.Id, cancellationToken).ConfigureAwait(false);
                if (stats.OnlineCpus > 0)
                {
                    readings.Add(new DeploymentContainerStats(deploymentId, container.Id, stats));
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // Removed or broken between list and read: the other containers are still sampled.
                LogContainerFailed(logger, container.Id, deploymentId, e);
            }
        }

        return readings;
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Warning, Message = "Container {ContainerId} has a portal.deployment label that is not a deployment id: \"{Label}\"")]
    private static partial void LogBadLabel(ILogger logger, string containerId, string label);

    [LoggerMessage(EventId = 2, Level = LogLevel.Warning, Message = "Reading stats of container {ContainerId} (deployment {DeploymentId}) failed; sampling the others")]
    private static partial void LogContainerFailed(ILogger logger, string containerId, Guid deploymentId, Exception exception);
}
