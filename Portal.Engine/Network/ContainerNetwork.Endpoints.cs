using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using Portal.Engine.Containers;
using Portal.Engine.Errors;
using Portal.Engine.Network.Netlink;
using Portal.Engine.Network.Networks;

namespace Portal.Engine.Network;

/// <summary>
/// Endpoints: one veth per network the container is on, its peer born inside the container's namespace as
/// eth&lt;index&gt;. The first (eth0) makes the namespace and carries the default route; later ones only reach their subnet.
/// </summary>
public sealed partial class ContainerNetwork
{
    /// <summary>eth0..eth99: the host end's name (pv&lt;id10&gt;-&lt;index&gt;) must fit in 15 characters.</summary>
    public const int MaxEndpoints = 100;

    public async Task<ContainerNetworkSettings> AttachAsync(string containerId, ContainerEndpointConfig endpoint, CancellationToken cancellationToken)
    {
        var network = networks.Get(endpoint.NetworkName);
        // Leftovers of a crash between two steps would make the names clash.
        await RemoveLinksAsync(containerId, cancellationToken).ConfigureAwait(false);
        try
        {
            using var ns = await NetworkNamespace.AddNamedAsync(NamespaceName(containerId), cancellationToken).ConfigureAwait(false);
            return await AddEndpointAsync(containerId, ns, network, endpoint, 0, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            await DetachAsync(containerId, CancellationToken.None).ConfigureAwait(false);
            throw Wrap(containerId, network, ex);
        }
    }

    public async Task<ContainerNetworkSettings> ConnectAsync(string containerId, ContainerEndpointConfig endpoint, int index, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        if (index >= MaxEndpoints)
        {
            throw new InvalidArgumentException($"container {containerId[..12]} cannot join more than {MaxEndpoints} networks");
        }

        var network = networks.Get(endpoint.NetworkName);
        var path = NetworkNamespace.NamedPath(NamespaceName(containerId));
        if (!File.Exists(path))
        {
            throw new InvalidArgumentException(
                $"container {containerId[..12]} has no network namespace of its own to connect to network {network.Name} (it was started without a bridge network): stop it, connect, and start it again");
        }

        var veth = HostVethName(containerId, index);
        await Try(containerId, () => netlink.DeleteLinkIfExistsAsync(veth, cancellationToken)).ConfigureAwait(false);
        try
        {
            using var ns = NetworkNamespace.Open(path);
            return await AddEndpointAsync(containerId, ns, network, endpoint, index, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            await Try(containerId, () => netlink.DeleteLinkIfExistsAsync(veth, CancellationToken.None)).ConfigureAwait(false);
            networks.Release(network.Name, containerId);
            throw Wrap(containerId, network, ex);
        }
    }

    public async Task DisconnectAsync(string containerId, ContainerNetworkSettings endpoint, bool unpublish, CancellationToken cancellationToken)
    {
        if (unpublish && firewall.State.Ports.Any(p => p.ContainerId == containerId))
        {
            await Try(containerId, () => firewall.UnpublishAsync(containerId, cancellationToken)).ConfigureAwait(false);
        }

        await Try(containerId, () => netlink.DeleteLinkIfExistsAsync(HostVethName(containerId, IndexOf(endpoint)), cancellationToken)).ConfigureAwait(false);
        // The network may be gone from the store already; the lease went with it then.
        networks.Release(endpoint.NetworkId, containerId);
    }

    /// <summary>eth&lt;n&gt; → n.</summary>
    public static int IndexOf(ContainerNetworkSettings endpoint) =>
        endpoint.Interface.StartsWith("eth", StringComparison.Ordinal)
        && int.TryParse(endpoint.Interface.AsSpan(3), NumberStyles.None, CultureInfo.InvariantCulture, out var index)
            ? index
            : throw new InvalidArgumentException($"endpoint interface {endpoint.Interface} is not eth<n>");

    private async Task<ContainerNetworkSettings> AddEndpointAsync(string containerId, NetworkNamespace ns, NetworkDefinition network,
        ContainerEndpointConfig endpoint, int index, CancellationToken cancellationToken)
    {
        var requested = RequestedAddress(network, endpoint.IPv4Address);
        network = await EnsureBridgeAsync(network, cancellationToken).ConfigureAwait(false);
        var prefix = network.Subnet!.Value.PrefixLength;
        var veth = HostVethName(containerId, index);
        var inner = "eth" + index.ToString(CultureInfo.InvariantCulture);
        // The lease comes before the veth and goes after it: it is what proves the endpoint ours at the startup sweep.
        var lease = networks.Allocate(network.Name, containerId, requested);
        await netlink.CreateVethAsync(veth, inner, ns, null, cancellationToken).ConfigureAwait(false);
        // Portal's networks are IPv4 only, and every IPv6 link-local address the kernel would add and remove on the
        // host with each container is an address change to everything on the host that watches them: Chromium fails
        // its queued requests with ERR_NETWORK_CHANGED (a browser on this host lost 24 of 30 fetches while four
        // containers started). Without one, starting and removing containers changes no host address.
        await netlink.SetIpv6AddressGenerationAsync(veth, false, cancellationToken).ConfigureAwait(false);
        await netlink.SetMasterAsync(veth, network.BridgeName, cancellationToken).ConfigureAwait(false);
        await netlink.SetHairpinAsync(veth, true, cancellationToken).ConfigureAwait(false);
        await netlink.SetLinkStateAsync(veth, true, cancellationToken).ConfigureAwait(false);
        string mac;
        using (var inside = NetlinkClient.OpenIn(ns))
        {
            await inside.AddAddressAsync(inner, lease.Address, prefix, cancellationToken).ConfigureAwait(false);
            await inside.SetLinkStateAsync(inner, true, cancellationToken).ConfigureAwait(false);
            if (index == 0)
            {
                await inside.AddDefaultRouteAsync(network.Gateway!, inner, cancellationToken).ConfigureAwait(false);
            }

            var link = await inside.GetLinkAsync(inner, cancellationToken).ConfigureAwait(false);
            mac = link?.MacAddress is { } address
                ? string.Join(':', address.GetAddressBytes().Select(b => b.ToString("x2", CultureInfo.InvariantCulture)))
                : "";
        }

        return new ContainerNetworkSettings
        {
            NetworkName = network.Name,
            NetworkId = network.Id,
            IPAddress = lease.Address.ToString(),
            PrefixLength = prefix,
            Gateway = network.Gateway!.ToString(),
            MacAddress = mac,
            SandboxKey = ns.Path,
            Interface = inner,
            Aliases = endpoint.Aliases,
            EndpointId = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32)),
        };
    }

    /// <summary>Docker's rules for --ip: an IPv4 address, and not on the default bridge.</summary>
    private static IPAddress? RequestedAddress(NetworkDefinition network, string? requested)
    {
        if (requested is null)
        {
            return null;
        }

        if (network.IsDefault)
        {
            throw new InvalidArgumentException("user specified IP address is supported on user defined networks only");
        }

        return IPAddress.TryParse(requested, out var address) && address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork
            ? address
            : throw new InvalidArgumentException($"invalid IPv4 address {requested} for network {network.Name}");
    }

    /// <summary>Bad input and clashes (a taken address: 400, 409) keep their kind; kernel failures name the step.</summary>
    private static EngineException Wrap(string containerId, NetworkDefinition network, Exception ex) =>
        ex is EngineException engine && ex.GetType() != typeof(EngineException)
            ? engine
            : new EngineException($"connect container {containerId} to network {network.Name}: {ex.Message}", ex);

    /// <summary>Deletes the container's host veths (eth0's and pv&lt;id10&gt;-n) that <paramref name="delete"/> picks; returns their names.</summary>
    private async Task<IReadOnlyList<string>> DeleteHostVethsAsync(string containerId, Func<string, bool> delete, CancellationToken cancellationToken)
    {
        var first = HostVethName(containerId);
        var others = $"pv{containerId[..10]}-";
        var deleted = new List<string>();
        foreach (var link in await netlink.ListLinksAsync(cancellationToken).ConfigureAwait(false))
        {
            if ((link.Name == first || link.Name.StartsWith(others, StringComparison.Ordinal)) && delete(link.Name)
                && await netlink.DeleteLinkIfExistsAsync(link.Name, cancellationToken).ConfigureAwait(false))
            {
                deleted.Add(link.Name);
            }
        }

        return deleted;
    }

    /// <summary>
    /// A running container's veths and leases that none of its endpoints owns (a connect or disconnect cut short by
    /// a crash of the engine) go; its endpoints stay.
    /// </summary>
    private async Task SweepStrayEndpointsAsync(RunningEndpoint running, CancellationToken cancellationToken)
    {
        var endpoints = new[] { running.Settings }.Concat(running.Others).ToList();
        var networkIds = endpoints.Select(e => e.NetworkId).ToHashSet(StringComparer.Ordinal);
        foreach (var lease in networks.LeasesOf(running.ContainerId).Where(l => !networkIds.Contains(l.NetworkId)))
        {
            networks.Release(lease.NetworkId, running.ContainerId);
            ContainerNetworkLog.SweptStrayLease(logger, running.ContainerId, lease.Address, lease.NetworkName);
        }

        var veths = endpoints.Select(e => HostVethName(running.ContainerId, IndexOf(e))).ToHashSet(StringComparer.Ordinal);
        IReadOnlyList<string> deleted = [];
        await Try(running.ContainerId, async () =>
            deleted = await DeleteHostVethsAsync(running.ContainerId, name => !veths.Contains(name), cancellationToken).ConfigureAwait(false)).ConfigureAwait(false);
        foreach (var veth in deleted)
        {
            ContainerNetworkLog.SweptStrayVeth(logger, running.ContainerId, veth);
        }
    }
}
