using System.Collections.Immutable;

namespace Portal.Server.Metrics;

/// <summary>The newest host and deployment samples with their labels: what /metrics reports.</summary>
public sealed class LatestMetrics
{
    private volatile Snapshot _current = new(null, [], ImmutableDictionary<Guid, DeploymentLabels>.Empty);

    public Snapshot Current => _current;

    /// <summary>Replaces the samples; the host sample is kept when this tick could not read the host.</summary>
    public void Update(HostMetrics? host, IReadOnlyList<DeploymentMetrics> deployments)
    {
        var old = _current;
        _current = old with { Host = host ?? old.Host, Deployments = deployments };
    }

    public void AddLabels(IReadOnlyDictionary<Guid, DeploymentLabels> labels)
    {
        var old = _current;
        _current = old with { Labels = old.Labels.SetItems(labels) };
    }

    public sealed record Snapshot(HostMetrics? Host, IReadOnlyList<DeploymentMetrics> Deployments, ImmutableDictionary<Guid, DeploymentLabels> Labels);
}
