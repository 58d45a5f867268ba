using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;

namespace Portal.Engine.Network.Netlink;

/// <summary>
/// rtnetlink operations on one network namespace; <see cref="NetlinkClient"/> is the kernel implementation,
/// tests of the code above it can fake this.
/// </summary>
public interface INetlinkClient : IDisposable
{
    Task CreateBridgeAsync(string name, int? mtu, CancellationToken cancellationToken);

    Task CreateVethAsync(string name, string peerName, NetworkNamespace? peerNamespace, int? mtu, CancellationToken cancellationToken);

    Task DeleteLinkAsync(string name, CancellationToken cancellationToken);

    Task<bool> DeleteLinkIfExistsAsync(string name, CancellationToken cancellationToken);

    Task SetMasterAsync(string name, string? master, CancellationToken cancellationToken);

    Task SetLinkStateAsync(string name, bool up, CancellationToken cancellationToken);

    Task SetHairpinAsync(string name, bool on, CancellationToken cancellationToken);

    /// <summary>Whether <paramref name="name"/> gets an IPv6 link-local address when it comes up (`addrgenmode eui64|none`).</summary>
    Task SetIpv6AddressGenerationAsync(string name, bool on, CancellationToken cancellationToken);

    Task SetMtuAsync(string name, int mtu, CancellationToken cancellationToken);

    Task SetMacAddressAsync(string name, PhysicalAddress address, CancellationToken cancellationToken);

    Task<LinkInfo?> GetLinkAsync(string name, CancellationToken cancellationToken);

    Task<int?> GetIndexAsync(string name, CancellationToken cancellationToken);

    Task<LinkStatistics?> GetStatisticsAsync(string name, CancellationToken cancellationToken);

    Task<IReadOnlyList<LinkInfo>> ListLinksAsync(CancellationToken cancellationToken);

    Task AddAddressAsync(string link, IPAddress address, int prefixLength, CancellationToken cancellationToken);

    Task DeleteAddressAsync(string link, IPAddress address, int prefixLength, CancellationToken cancellationToken);

    Task<IReadOnlyList<AddressInfo>> ListAddressesAsync(AddressFamily? family, CancellationToken cancellationToken);

    Task AddRouteAsync(IPNetwork destination, IPAddress? gateway, string? device, CancellationToken cancellationToken);

    Task AddDefaultRouteAsync(IPAddress gateway, string? device, CancellationToken cancellationToken);

    Task DeleteRouteAsync(IPNetwork destination, IPAddress? gateway, string? device, CancellationToken cancellationToken);

    Task<IReadOnlyList<RouteInfo>> ListRoutesAsync(AddressFamily family, CancellationToken cancellationToken);
}
