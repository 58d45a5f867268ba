using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Portal.Engine.Containers;
using Portal.Engine.Errors;
using Portal.Engine.Interop;
using Portal.Engine.Network.Firewall;
using Portal.Engine.Network.Netlink;
using Portal.Engine.Network.Networks;

namespace Portal.Engine.Network;

/// <summary>
/// The kernel side of <see cref="IContainerNetwork"/> for the default "bridge" network: a named namespace
/// per container (portal-&lt;id12&gt;, made by `ip netns add`), a veth whose peer is born there as eth0, the
/// host end enslaved to the bridge with hairpin on, and the container's ports in Portal's nft table.
/// </summary>
public sealed partial class ContainerNetwork(INetworkStore networks, INetlinkClient netlink, BridgeFirewall firewall, ILogger<ContainerNetwork> logger)
    : IContainerNetwork, INetworkService, IDisposable
{
    private readonly SemaphoreSlim _bridgeGate = new(1, 1);

    public static string NamespaceName(string containerId) => "portal-" + containerId[..12];

    /// <summary>The host end of eth0. At most 15 characters (IFNAMSIZ - 1).</summary>
    public static string HostVethName(string containerId) => "pv" + containerId[..11];

    /// <summary>The host end of eth&lt;index&gt;: pv&lt;id11&gt; for eth0, pv&lt;id10&gt;-&lt;index&gt; for the others (15 characters at most).</summary>
    public static string HostVethName(string containerId, int index) =>
        index == 0 ? HostVethName(containerId) : $"pv{containerId[..10]}-{index.ToString(CultureInfo.InvariantCulture)}";

    public Task CheckPortsAsync(string containerId, IReadOnlyList<PortBinding> ports, CancellationToken cancellationToken) =>
        ReservePortsAsync(containerId, NetworkNames.Bridge, ports, [], cancellationToken);

    public Task<ContainerNetworkSettings> AttachAsync(string containerId, CancellationToken cancellationToken) =>
        AttachAsync(containerId, NetworkNames.Bridge, cancellationToken);

    public string ResolveNetwork(string nameOrId)
    {
        var network = networks.Get(nameOrId);
        return network.HasAddresses
            ? network.Name
            : throw new InvalidArgumentException($"network {network.Name} is not supported yet for containers (use bridge, none, default or a user-defined network)");
    }

    public Task<ContainerNetworkSettings> AttachAsync(string containerId, string networkName, CancellationToken cancellationToken) =>
        AttachAsync(containerId, new ContainerEndpointConfig { NetworkName = networkName }, cancellationToken);

    public Task PublishAsync(string containerId, ContainerNetworkSettings settings, IReadOnlyList<PortBinding> ports, CancellationToken cancellationToken) =>
        ports.Count == 0
            ? Task.CompletedTask
            : firewall.PublishAsync(containerId, [.. ports.Select(p => ToPublished(containerId, settings.IPAddress, p))], cancellationToken);

    public async Task DetachAsync(string containerId, CancellationToken cancellationToken)
    {
        if (firewall.State.Ports.Any(p => p.ContainerId == containerId))
        {
            await Try(containerId, () => firewall.UnpublishAsync(containerId, cancellationToken)).ConfigureAwait(false);
        }

        await RemoveLinksAsync(containerId, cancellationToken).ConfigureAwait(false);
        networks.ReleaseAll(containerId);
    }

    public async Task RestoreAsync(IReadOnlyList<RunningEndpoint> running, CancellationToken cancellationToken)
    {
        var dropped = networks.Reconcile(running.Select(r => r.ContainerId).ToHashSet(StringComparer.Ordinal));
        foreach (var containerId in dropped.Select(l => l.ContainerId).Distinct(StringComparer.Ordinal))
        {
            await SweepAsync(containerId, cancellationToken).ConfigureAwait(false);
        }

        foreach (var endpoint in running)
        {
            await SweepStrayEndpointsAsync(endpoint, cancellationToken).ConfigureAwait(false);
        }

        if (running.Count == 0 && !networks.List().Any(n => n.HasAddresses && !n.Predefined))
        {
            // Nothing of ours runs and no user network exists: leave the table alone rather than create a bridge no one uses.
            // Otherwise every network's bridge is (re)made, as Docker does at daemon start: a host reboot deleted them.
            return;
        }

        var bridges = new List<FirewallNetwork>();
        foreach (var network in networks.List().Where(n => n.HasAddresses))
        {
            bridges.Add(ToFirewall(await EnsureBridgeAsync(network, cancellationToken).ConfigureAwait(false)));
        }

        var ports = running.SelectMany(r => r.Ports.Select(p => ToPublished(r.ContainerId, r.Settings.IPAddress, p)));
        await firewall.RestoreAsync(FirewallState.Create(bridges, ports), cancellationToken).ConfigureAwait(false);
    }

    public void Dispose() => _bridgeGate.Dispose();

    private async Task RemoveLinksAsync(string containerId, CancellationToken cancellationToken)
    {
        await Try(containerId, () => DeleteHostVethsAsync(containerId, _ => true, cancellationToken)).ConfigureAwait(false);
        await Try(containerId, () => NetworkNamespace.DeleteNamedAsync(NamespaceName(containerId), cancellationToken)).ConfigureAwait(false);
    }

    /// <summary>
    /// Only ids this store leased an address to are swept: a lease is taken before the namespace and veth exist
    /// and released only after they are removed, so it proves the endpoint is ours and not another engine's
    /// on the same host (the names carry no store identity).
    /// </summary>
    private async Task SweepAsync(string containerId, CancellationToken cancellationToken)
    {
        var nsName = NamespaceName(containerId);
        var hadNamespace = File.Exists(NetworkNamespace.NamedPath(nsName));
        IReadOnlyList<string> deleted = [];
        await Try(containerId, async () => deleted = await DeleteHostVethsAsync(containerId, _ => true, cancellationToken).ConfigureAwait(false)).ConfigureAwait(false);
        await Try(containerId, () => NetworkNamespace.DeleteNamedAsync(nsName, cancellationToken)).ConfigureAwait(false);
        var veths = deleted.Count > 0 ? string.Join(' ', deleted) : "-";
        ContainerNetworkLog.Swept(logger, containerId, veths, hadNamespace ? nsName : "-");
    }

    private async Task Try(string containerId, Func<Task> step)
    {
        try
        {
            await step().ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is LinuxException or InvalidOperationException or EngineException or IOException)
        {
            ContainerNetworkLog.CleanupFailed(logger, containerId, ex);
        }
    }

    /// <summary>A bridge network's bridge with its gateway address, up, and known to the firewall. Idempotent.</summary>
    private Task<NetworkDefinition> EnsureBridgeAsync(CancellationToken cancellationToken) =>
        EnsureBridgeAsync(networks.Default, cancellationToken);

    private async Task<NetworkDefinition> EnsureBridgeAsync(NetworkDefinition network, CancellationToken cancellationToken)
    {
        var bridge = network.BridgeName!;
        var subnet = network.Subnet!.Value;
        await _bridgeGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var link = await netlink.GetLinkAsync(bridge, cancellationToken).ConfigureAwait(false);
            if (link is null)
            {
                await netlink.CreateBridgeAsync(bridge, null, cancellationToken).ConfigureAwait(false);
                await netlink.SetIpv6AddressGenerationAsync(bridge, false, cancellationToken).ConfigureAwait(false);
                link = await netlink.GetLinkAsync(bridge, cancellationToken).ConfigureAwait(false)
                    ?? throw new EngineException($"bridge {bridge} of network {network.Name} vanished right after it was created");
            }

            var addresses = await netlink.ListAddressesAsync(AddressFamily.InterNetwork, cancellationToken).ConfigureAwait(false);
            if (!addresses.Any(a => a.LinkIndex == link.Index && a.Address.Equals(network.Gateway)))
            {
                await netlink.AddAddressAsync(bridge, network.Gateway!, subnet.PrefixLength, cancellationToken).ConfigureAwait(false);
            }

            if (!link.IsUp)
            {
                await netlink.SetLinkStateAsync(bridge, true, cancellationToken).ConfigureAwait(false);
            }

            if (!firewall.State.Networks.Any(n => n.Name == network.Name))
            {
                await firewall.AddNetworkAsync(ToFirewall(network), cancellationToken).ConfigureAwait(false);
            }

            return network;
        }
        finally
        {
            _bridgeGate.Release();
        }
    }

    private static FirewallNetwork ToFirewall(NetworkDefinition network) =>
        new(network.Name, network.BridgeName!, new IPNetwork(network.Subnet!.Value.Network, network.Subnet.Value.PrefixLength), network.Internal);

    private static PublishedPort ToPublished(string containerId, string containerAddress, PortBinding port) =>
        PublishedPort.Create(containerId, containerAddress, port.ContainerPort, port.Protocol, port.HostIp, port.HostPort);
}
