using System.Threading.Channels;

namespace Portal.Server.Metrics;

/// <summary>The sampler publishes here; subscribers read through <see cref="IMetricsLiveFeed"/>.</summary>
public sealed class MetricsBroadcaster : IMetricsLiveFeed
{
    /// <summary>Ten seconds of samples: enough to ride out a GC pause or a slow frame, small enough to stay live.</summary>
    public const int BufferedSamples = 10;

    private readonly LiveTopic<string, HostMetrics> _host = new(BufferedSamples);
    private readonly LiveTopic<Guid, DeploymentMetrics> _deployments = new(BufferedSamples);

    public ChannelReader<HostMetrics> SubscribeHost(CancellationToken cancellationToken) =>
        _host.Subscribe(string.Empty, cancellationToken);

    public ChannelReader<DeploymentMetrics> SubscribeDeployment(Guid deploymentId, CancellationToken cancellationToken) =>
        _deployments.Subscribe(deploymentId, cancellationToken);

    public int HostSubscribers => _host.SubscriberCount(string.Empty);

    public int DeploymentSubscribers(Guid deploymentId) => _deployments.SubscriberCount(deploymentId);

    public void Publish(HostMetrics sample)
    {
        ArgumentNullException.ThrowIfNull(sample);
        _host.Publish(string.Empty, sample);
    }

    public void Publish(DeploymentMetrics sample)
    {
        ArgumentNullException.ThrowIfNull(sample);
        _deployments.Publish(sample.DeploymentId, sample);
    }
}
