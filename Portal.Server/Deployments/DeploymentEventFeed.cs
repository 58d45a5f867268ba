using System.Threading.Channels;
using Portal.Data.Entities;
using Portal.Server.Metrics;

namespace Portal.Server.Deployments;

/// <summary>
/// Deployment events as they are saved, per deployment, for the live hub. Publishing never waits: a subscriber that
/// falls behind loses its oldest events (it can re-read them from the events API).
/// </summary>
public sealed class DeploymentEventFeed
{
    private const int BufferedEvents = 64;
    private readonly LiveTopic<Guid, DeploymentEvent> _topic = new(BufferedEvents);

    public ChannelReader<DeploymentEvent> Subscribe(Guid deploymentId, CancellationToken cancellationToken) =>
        _topic.Subscribe(deploymentId, cancellationToken);

    public int Subscribers(Guid deploymentId) => _topic.SubscriberCount(deploymentId);

    public void Publish(DeploymentEvent saved)
    {
        ArgumentNullException.ThrowIfNull(saved);
        _topic.Publish(saved.DeploymentId, saved);
    }
}
