using System.Diagnostics;
using Portal.Engine.Containers;
using Portal.Engine.Network;

namespace Portal.Bench;

/// <summary>
/// Forwards every call to the real container network and adds up the time spent in each, so the network's share of
/// a run (namespace, veth, lease, nft transactions) can be told apart from the rest of the engine's work.
/// </summary>
internal sealed class TimedNetwork(IContainerNetwork inner) : IContainerNetwork
{
    private readonly Stopwatch _check = new();
    private readonly Stopwatch _attach = new();
    private readonly Stopwatch _publish = new();
    private readonly Stopwatch _detach = new();

    /// <summary>Time spent in each call since the last <see cref="Reset"/>.</summary>
    public NetworkTimes Times => new(_check.Elapsed, _attach.Elapsed, _publish.Elapsed, _detach.Elapsed);

    public void Reset()
    {
        _check.Reset();
        _attach.Reset();
        _publish.Reset();
        _detach.Reset();
    }

    public Task CheckPortsAsync(string containerId, IReadOnlyList<PortBinding> ports, CancellationToken cancellationToken) =>
        TimeAsync(_check, () => inner.CheckPortsAsync(containerId, ports, cancellationToken));

    public Task<ContainerNetworkSettings> AttachAsync(string containerId, CancellationToken cancellationToken) =>
        TimeAsync(_attach, () => inner.AttachAsync(containerId, cancellationToken));

    public Task<ContainerNetworkSettings> AttachAsync(string containerId, string networkName, CancellationToken cancellationToken) =>
        TimeAsync(_attach, () => inner.AttachAsync(containerId, networkName, cancellationToken));

    public string ResolveNetwork(string nameOrId) => inner.ResolveNetwork(nameOrId);

    public Task PublishAsync(string containerId, ContainerNetworkSettings settings, IReadOnlyList<PortBinding> ports, CancellationToken cancellationToken) =>
        TimeAsync(_publish, () => inner.PublishAsync(containerId, settings, ports, cancellationToken));

    public Task DetachAsync(string containerId, CancellationToken cancellationToken) =>
        TimeAsync(_detach, () => inner.DetachAsync(containerId, cancellationToken));

    public Task RestoreAsync(IReadOnlyList<RunningEndpoint> running, CancellationToken cancellationToken) =>
        inner.RestoreAsync(running, cancellationToken);

    private static async Task TimeAsync(Stopwatch clock, Func<Task> call)
    {
        clock.Start();
        try
        {
            await call().ConfigureAwait(false);
        }
        finally
        {
            clock.Stop();
        }
    }

    private static async Task<T> TimeAsync<T>(Stopwatch clock, Func<Task<T>> call)
    {
        clock.Start();
        try
        {
            return await call().ConfigureAwait(false);
        }
        finally
        {
            clock.Stop();
        }
    }
}
