using System.Threading.Channels;

namespace Portal.Server.Metrics;

/// <summary>
/// Live 1 Hz samples for the SignalR hub. A subscriber sees samples published after it subscribed; each has
/// its own bounded buffer (<see cref="MetricsBroadcaster.BufferedSamples"/>) that drops the oldest sample when the
/// reader falls behind. Cancel the token to unsubscribe; the reader then completes.
/// Authorisation (admin for the host, team for a deployment) is the caller's job.
/// </summary>
public interface IMetricsLiveFeed
{
    ChannelReader<HostMetrics> SubscribeHost(CancellationToken cancellationToken);

    ChannelReader<DeploymentMetrics> SubscribeDeployment(Guid deploymentId, CancellationToken cancellationToken);
}
