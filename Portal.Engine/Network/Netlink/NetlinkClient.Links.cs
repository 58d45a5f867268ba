using System.Net.NetworkInformation;
using Portal.Engine.Interop;

namespace Portal.Engine.Network.Netlink;

public sealed partial class NetlinkClient
{
    public Task CreateBridgeAsync(string name, int? mtu, CancellationToken cancellationToken)
    {
        CheckName(name, "bridge name");
        CheckMtu(mtu, name);
        return SendAsync(RtnlRequests.NewBridge(name, mtu), "bridge", name, cancellationToken);
    }

    /// <summary>
    /// Creates the veth pair <paramref name="name"/>/<paramref name="peerName"/>. With <paramref name="peerNamespace"/>
    /// the kernel creates the peer directly inside that namespace (IFLA_NET_NS_FD), so the peer may have a name
    /// such as eth0 that exists in this namespace; without it both ends are created here.
    /// </summary>
    public async Task CreateVethAsync(
        string name, string peerName, NetworkNamespace? peerNamespace, int? mtu, CancellationToken cancellationToken)
    {
        CheckName(name, "veth name");
        CheckName(peerName, "veth peer name");
        CheckMtu(mtu, name);
        var target = peerNamespace is null ? $"{name} (peer {peerName})" : $"{name} (peer {peerName} in {peerNamespace.Path})";
        if (peerNamespace is null)
        {
            await SendAsync(RtnlRequests.NewVeth(name, peerName, null, mtu), "veth", target, cancellationToken);
            return;
        }

        var added = false;
        peerNamespace.Handle.DangerousAddRef(ref added);
        try
        {
            var fd = (int)peerNamespace.Handle.DangerousGetHandle();
            await SendAsync(RtnlRequests.NewVeth(name, peerName, fd, mtu), "veth", target, cancellationToken);
        }
        finally
        {
            peerNamespace.Handle.DangerousRelease();
        }
    }

    /// <summary>Deletes a link; for a veth the kernel removes both ends (the peer too, in whatever namespace).</summary>
    public Task DeleteLinkAsync(string name, CancellationToken cancellationToken)
    {
        CheckName(name, "link name");
        return SendAsync(RtnlRequests.DelLink(name), "", name, cancellationToken);
    }

    /// <summary>Deletes a link if it exists; false when there was none (ENODEV).</summary>
    public async Task<bool> DeleteLinkIfExistsAsync(string name, CancellationToken cancellationToken)
    {
        try
        {
            await DeleteLinkAsync(name, cancellationToken);
            return true;
        }
        catch (LinuxException ex) when (ex.Errno == ErrnoNames.ENODEV)
        {
            return false;
        }
    }

    /// <summary>Enslaves <paramref name="name"/> to the bridge <paramref name="master"/>; null releases it.</summary>
    public async Task SetMasterAsync(string name, string? master, CancellationToken cancellationToken)
    {
        CheckName(name, "link name");
        var target = master is null ? $"{name} nomaster" : $"{name} master {master}";
        var masterIndex = master is null ? 0 : await RequireIndexAsync(master, "RTM_SETLINK", target, cancellationToken);
        await SendAsync(RtnlRequests.SetMaster(name, masterIndex), "", target, cancellationToken);
    }

    public Task SetLinkStateAsync(string name, bool up, CancellationToken cancellationToken)
    {
        CheckName(name, "link name");
        return SendAsync(RtnlRequests.SetState(name, up), "", $"{name} {(up ? "up" : "down")}", cancellationToken);
    }

    /// <summary>Turns hairpin mode of the bridge port <paramref name="name"/> on or off (`bridge link set dev X hairpin on`).</summary>
    public async Task SetHairpinAsync(string name, bool on, CancellationToken cancellationToken)
    {
        CheckName(name, "link name");
        var target = $"{name} hairpin {(on ? "on" : "off")}";
        var index = await RequireIndexAsync(name, "RTM_SETLINK", target, cancellationToken);
        await SendAsync(RtnlRequests.SetHairpin(index, on), "", target, cancellationToken);
    }

    public Task SetIpv6AddressGenerationAsync(string name, bool on, CancellationToken cancellationToken)
    {
        CheckName(name, "link name");
        return SendAsync(RtnlRequests.SetIpv6AddressGeneration(name, on), "", $"{name} addrgenmode {(on ? "eui64" : "none")}", cancellationToken);
    }

    public Task SetMtuAsync(string name, int mtu, CancellationToken cancellationToken)
    {
        CheckName(name, "link name");
        CheckMtu(mtu, name);
        return SendAsync(RtnlRequests.SetMtu(name, mtu), "", $"{name} mtu {mtu}", cancellationToken);
    }

    public Task SetMacAddressAsync(string name, PhysicalAddress address, CancellationToken cancellationToken)
    {
        CheckName(name, "link name");
        if (address.GetAddressBytes().Length != 6)
        {
            throw new ArgumentException($"MAC address for {name} must have 6 bytes", nameof(address));
        }

        return SendAsync(RtnlRequests.SetMacAddress(name, address), "", $"{name} address {FormatMac(address)}", cancellationToken);
    }

    /// <summary>The link named <paramref name="name"/>, or null when there is none.</summary>
    public async Task<LinkInfo?> GetLinkAsync(string name, CancellationToken cancellationToken)
    {
        CheckName(name, "link name");
        try
        {
            var replies = await SendAsync(RtnlRequests.GetLink(name), "", name, cancellationToken);
            return replies.Where(r => r.Type == Rtnl.RTM_NEWLINK).Select(RtnlReplies.Link).FirstOrDefault();
        }
        catch (LinuxException ex) when (ex.Errno == ErrnoNames.ENODEV)
        {
            return null;
        }
    }

    public async Task<int?> GetIndexAsync(string name, CancellationToken cancellationToken) =>
        (await GetLinkAsync(name, cancellationToken))?.Index;

    /// <summary>IFLA_STATS64 of the link, or null when there is no such link.</summary>
    public async Task<LinkStatistics?> GetStatisticsAsync(string name, CancellationToken cancellationToken) =>
        (await GetLinkAsync(name, cancellationToken))?.Statistics;

    public async Task<IReadOnlyList<LinkInfo>> ListLinksAsync(CancellationToken cancellationToken)
    {
        var replies = await SendAsync(RtnlRequests.DumpLinks(), "dump", "links", cancellationToken);
        return replies.Where(r => r.Type == Rtnl.RTM_NEWLINK).Select(RtnlReplies.Link).ToList();
    }

    private static string FormatMac(PhysicalAddress address) =>
        string.Join(':', address.GetAddressBytes().Select(b => b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture)));
}
