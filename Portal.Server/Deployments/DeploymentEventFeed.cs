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
    private const int BufferedEventsOfAll = 256;
    private readonly LiveTopic<Guid, DeploymentEvent> _topic = new(BufferedEvents);
    private readonly LiveTopic<bool, DeploymentEvent> _all = new(BufferedEventsOfAll);

    public ChannelReader<DeploymentEvent> Subscribe(Guid deploymentId, CancellationToken cancellationToken) =>
        _topic.Subscribe(deploymentId, cancellationToken);

    public int Subscribers(Guid deploymentId) => _topic.SubscriberCount(deploymentId);

    /// <summary>Every deployment's events from now on; the reader decides which of them its caller may see.</summary>
    public ChannelReader<DeploymentEvent> SubscribeAll(CancellationToken cancellationToken) => _all.Subscribe(true, cancellationToken);

    public int SubscribersOfAll => _all.SubscriberCount(true);

    public void Publish(DeploymentEvent saved)
    {
        ArgumentNullException.ThrowIfNull(saved);
        _topic.Publish(saved.DeploymentId, saved);
        _all.Publish(true, saved);
    }
}
