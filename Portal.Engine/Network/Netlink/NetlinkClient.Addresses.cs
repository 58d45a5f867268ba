using System.Net;
using System.Net.Sockets;

namespace Portal.Engine.Network.Netlink;

public sealed partial class NetlinkClient
{
    /// <summary>As `ip addr add ADDRESS/PREFIX brd + dev LINK`.</summary>
    public async Task AddAddressAsync(string link, IPAddress address, int prefixLength, CancellationToken cancellationToken)
    {
        CheckName(link, "link name");
        CheckPrefix(address, prefixLength);
        var target = Describe(address, prefixLength, link);
        var index = await RequireIndexAsync(link, "RTM_NEWADDR", target, cancellationToken);
        await SendAsync(RtnlRequests.NewAddress(index, address, prefixLength), "", target, cancellationToken);
    }

    public async Task DeleteAddressAsync(string link, IPAddress address, int prefixLength, CancellationToken cancellationToken)
    {
        CheckName(link, "link name");
        CheckPrefix(address, prefixLength);
        var target = Describe(address, prefixLength, link);
        var index = await RequireIndexAsync(link, "RTM_DELADDR", target, cancellationToken);
        await SendAsync(RtnlRequests.DelAddress(index, address, prefixLength), "", target, cancellationToken);
    }

    /// <summary>Every address of every link; <paramref name="family"/> null for both IPv4 and IPv6.</summary>
    public async Task<IReadOnlyList<AddressInfo>> ListAddressesAsync(AddressFamily? family, CancellationToken cancellationToken)
    {
        var replies = await SendAsync(RtnlRequests.DumpAddresses(family), "dump", "addresses", cancellationToken);
        return replies.Where(r => r.Type == Rtnl.RTM_NEWADDR).Select(RtnlReplies.Address).ToList();
    }
}
