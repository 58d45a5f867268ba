using Microsoft.Extensions.Logging;

namespace Portal.Engine.Network.Firewall;

/// <summary>
/// Portal's firewall: keeps the desired <see cref="FirewallState"/> and makes the kernel's <c>inet portal</c>
/// table match it, one atomic table replacement per change. A change is committed to <see cref="State"/>
/// only after nft accepted it, so a refused change leaves both the table and the state as they were.
/// Changes are serialised.
/// </summary>
public sealed class BridgeFirewall(Nftables nftables, FirewallSysctls sysctls, IHostPortProbe probe, ILogger<BridgeFirewall> logger) : IDisposable
{
    private readonly SemaphoreSlim _lock = new(1, 1);

    public FirewallState State { get; private set; } = FirewallState.Empty;

    /// <summary>Chooses host ports for bindings that ask for any free port or one of a range.</summary>
    public HostPortAllocator Ports { get; } = HostPortAllocator.FromKernel(probe);

    /// <summary>
    /// Startup: replaces whatever table a previous run left with exactly <paramref name="state"/>
    /// (every network and every running container's ports). Published ports keep answering across the
    /// replacement. An empty state removes the table.
    /// </summary>
    public Task RestoreAsync(FirewallState state, CancellationToken cancellationToken) =>
        ChangeAsync(_ =>
        {
            PrepareKernel(state.Networks);
            return state;
        }, "restore firewall", cancellationToken);

    /// <summary>Adds or updates a network. Its bridge must exist (the bridge sysctl is written here).</summary>
    public Task AddNetworkAsync(FirewallNetwork network, CancellationToken cancellationToken) =>
        ChangeAsync(current =>
        {
            var next = current.WithNetwork(network);
            PrepareKernel([network]);
            return next;
        }, $"add firewall rules of network {network.Name}", cancellationToken);

    public Task RemoveNetworkAsync(string name, CancellationToken cancellationToken) =>
        ChangeAsync(current => current.WithoutNetwork(name), $"remove firewall rules of network {name}", cancellationToken);

    /// <summary>
    /// Throws <see cref="PortAlreadyAllocatedException"/> (or an invalid-argument error) when the ports
    /// cannot be published: call before creating anything for the container. Ports the container
    /// already publishes do not count against it.
    /// </summary>
    public void CheckPorts(string containerId, IReadOnlyList<PublishedPort> ports)
    {
        var state = State;
        state.WithPorts(containerId, ports);
        foreach (var port in ports)
        {
            if (state.Ports.Contains(port))
            {
                continue;
            }

            if (probe.IsInUse(port.HostAddress, port.HostPort, port.Protocol))
            {
                throw PortAlreadyAllocatedException.For(port);
            }
        }
    }

    /// <summary>Sets the published ports of a container (replacing what it had), after the same checks as <see cref="CheckPorts"/>.</summary>
    public Task PublishAsync(string containerId, IReadOnlyList<PublishedPort> ports, CancellationToken cancellationToken) =>
        ChangeAsync(current =>
        {
            CheckPorts(containerId, ports);
            return current.WithPorts(containerId, ports);
        }, $"publish ports of container {containerId}", cancellationToken, () =>
        {
            foreach (var port in ports)
            {
                FirewallLog.Published(logger, port.Protocol, port.HostAddress, port.HostPort, port.ContainerAddress, port.ContainerPort, containerId);
            }
        });

    public Task UnpublishAsync(string containerId, CancellationToken cancellationToken) =>
        ChangeAsync(current => current.WithoutContainer(containerId), $"remove published ports of container {containerId}", cancellationToken);

    /// <summary>Removes the whole table (feature shutdown, or a clean slate); the state becomes empty.</summary>
    public async Task RemoveAllAsync(CancellationToken cancellationToken)
    {
        await _lock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await nftables.RemoveTableAsync(cancellationToken).ConfigureAwait(false);
            State = FirewallState.Empty;
            FirewallLog.Removed(logger);
        }
        finally
        {
            _lock.Release();
        }
    }

    /// <summary>What the kernel holds now, or null when the table does not exist.</summary>
    public Task<NftTableListing?> ListAsync(CancellationToken cancellationToken) => nftables.ListAsync(cancellationToken);

    public void Dispose() => _lock.Dispose();

    private void PrepareKernel(IEnumerable<FirewallNetwork> networks)
    {
        var open = false;
        foreach (var network in networks)
        {
            sysctls.PrepareBridge(network.Bridge);
            open |= !network.Internal;
        }

        if (open)
        {
            sysctls.EnableForwarding();
        }
    }

    private async Task ChangeAsync(Func<FirewallState, FirewallState> change, string operation, CancellationToken cancellationToken, Action? onApplied = null)
    {
        await _lock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var next = change(State);
            await nftables.ApplyAsync(NftRulesetGenerator.Generate(next), operation, cancellationToken).ConfigureAwait(false);
            State = next;
            FirewallLog.Applied(logger, operation, next.Networks.Count, next.Ports.Count);
            onApplied?.Invoke();
        }
        finally
        {
            _lock.Release();
        }
    }
}
