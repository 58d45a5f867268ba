using System.Net;
using System.Net.NetworkInformation;
using System.Runtime.InteropServices;

namespace Portal.Engine.Network.Netlink;

/// <summary>Turns RTM_NEWLINK, RTM_NEWADDR and RTM_NEWROUTE replies into the public records.</summary>
internal static class RtnlReplies
{
    public static LinkInfo Link(NetlinkMessage message)
    {
        var header = message.Header<IfInfoMsg>();
        var a = message.Attributes<IfInfoMsg>();
        var mac = a.Bytes(Rtnl.IFLA_ADDRESS) is { Length: > 0 } bytes ? new PhysicalAddress(bytes.ToArray()) : null;
        return new LinkInfo(
            header.Index,
            a.String(Rtnl.IFLA_IFNAME) ?? "",
            a.Nested(Rtnl.IFLA_LINKINFO)?.String(Rtnl.IFLA_INFO_KIND),
            (int)(a.UInt32(Rtnl.IFLA_MTU) ?? 0),
            a.UInt32(Rtnl.IFLA_MASTER) is { } master and > 0 ? (int)master : null,
            a.UInt32(Rtnl.IFLA_LINK) is { } link and > 0 ? (int)link : null,
            mac,
            (header.Flags & Rtnl.IFF_UP) != 0,
            (header.Flags & Rtnl.IFF_LOWER_UP) != 0,
            a.Bytes(Rtnl.IFLA_STATS64) is { } stats ? Statistics(stats.Span) : null);
    }

    public static LinkStatistics? Statistics(ReadOnlySpan<byte> stats64)
    {
        if (stats64.Length < 8 * sizeof(ulong))
        {
            return null;
        }

        var v = MemoryMarshal.Cast<byte, ulong>(stats64[..(8 * sizeof(ulong))]);
        // struct rtnl_link_stats64 starts rx_packets, tx_packets, rx_bytes, tx_bytes, rx_errors, tx_errors, rx_dropped, tx_dropped.
        return new LinkStatistics(
            RxBytes: v[2], RxPackets: v[0], RxErrors: v[4], RxDropped: v[6],
            TxBytes: v[3], TxPackets: v[1], TxErrors: v[5], TxDropped: v[7]);
    }

    public static AddressInfo Address(NetlinkMessage message)
    {
        var header = message.Header<IfAddrMsg>();
        var a = message.Attributes<IfAddrMsg>();
        var address = a.Address(Rtnl.IFA_LOCAL) ?? a.Address(Rtnl.IFA_ADDRESS) ?? IPAddress.None;
        return new AddressInfo(header.Index, address, header.PrefixLength, a.Address(Rtnl.IFA_BROADCAST), a.String(Rtnl.IFA_LABEL));
    }

    /// <summary>The route, or null when it is not of the main table (local, broadcast and policy tables are skipped).</summary>
    public static RouteInfo? Route(NetlinkMessage message)
    {
        var header = message.Header<RtMsg>();
        var a = message.Attributes<RtMsg>();
        var table = a.UInt32(Rtnl.RTA_TABLE) ?? header.Table;
        if (table != Rtnl.RT_TABLE_MAIN)
        {
            return null;
        }

        var any = header.Family == Rtnl.AF_INET6 ? IPAddress.IPv6Any : IPAddress.Any;
        var destination = new IPNetwork(a.Address(Rtnl.RTA_DST) ?? any, header.DestinationLength);
        return new RouteInfo(
            destination,
            a.Address(Rtnl.RTA_GATEWAY),
            a.UInt32(Rtnl.RTA_OIF) is { } oif ? (int)oif : null,
            a.Address(Rtnl.RTA_PREFSRC),
            header.Scope);
    }
}
