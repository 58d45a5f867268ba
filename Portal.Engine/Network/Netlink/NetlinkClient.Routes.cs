using System.Net;
using System.Net.Sockets;

namespace Portal.Engine.Network.Netlink;

public sealed partial class NetlinkClient
{
    /// <summary>
    /// As `ip route add DESTINATION [via GATEWAY] [dev DEVICE]` in the main table; a route without gateway is
    /// scope link.
    /// </summary>
    public async Task AddRouteAsync(IPNetwork destination, IPAddress? gateway, string? device, CancellationToken cancellationToken)
    {
        var target = Describe(destination, gateway, device);
        CheckRoute(destination, gateway, device);
        var index = await DeviceIndexAsync(device, "RTM_NEWROUTE", target, cancellationToken);
        await SendAsync(RtnlRequests.NewRoute(destination, gateway, index), "", target, cancellationToken);
    }

    /// <summary>As `ip route add default via GATEWAY [dev DEVICE]`.</summary>
    public Task AddDefaultRouteAsync(IPAddress gateway, string? device, CancellationToken cancellationToken) =>
        AddRouteAsync(DefaultFor(gateway), gateway, device, cancellationToken);

    public async Task DeleteRouteAsync(IPNetwork destination, IPAddress? gateway, string? device, CancellationToken cancellationToken)
    {
        var target = Describe(destination, gateway, device);
        CheckRoute(destination, gateway, device);
        var index = await DeviceIndexAsync(device, "RTM_DELROUTE", target, cancellationToken);
        await SendAsync(RtnlRequests.DelRoute(destination, gateway, index), "", target, cancellationToken);
    }

    /// <summary>The routes of the main table.</summary>
    public async Task<IReadOnlyList<RouteInfo>> ListRoutesAsync(AddressFamily family, CancellationToken cancellationToken)
    {
        var replies = await SendAsync(RtnlRequests.DumpRoutes(family), "dump", "routes", cancellationToken);
        return replies.Where(r => r.Type == Rtnl.RTM_NEWROUTE).Select(RtnlReplies.Route).OfType<RouteInfo>().ToList();
    }

    private static IPNetwork DefaultFor(IPAddress gateway) =>
        new(gateway.AddressFamily == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Any : IPAddress.Any, 0);

    private async Task<int?> DeviceIndexAsync(string? device, string operation, string target, CancellationToken cancellationToken)
    {
        if (device is null)
        {
            return null;
        }

        CheckName(device, "route device");
        return await RequireIndexAsync(device, operation, target, cancellationToken);
    }

    private static void CheckRoute(IPNetwork destination, IPAddress? gateway, string? device)
    {
        if (gateway is null && device is null)
        {
            throw new ArgumentException($"route {destination} needs a gateway or a device", nameof(gateway));
        }

        if (gateway is not null && gateway.AddressFamily != destination.BaseAddress.AddressFamily)
        {
            throw new ArgumentException($"gateway {gateway} is not of the family of {destination}", nameof(gateway));
        }
    }
}
