using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;

namespace Portal.Engine.Network.Netlink;

/// <summary>The rtnetlink requests the client sends, built without I/O so tests can compare bytes.</summary>
internal static class RtnlRequests
{
    private const ushort Create = Rtnl.NLM_F_REQUEST | Rtnl.NLM_F_ACK | Rtnl.NLM_F_CREATE | Rtnl.NLM_F_EXCL;
    private const ushort Change = Rtnl.NLM_F_REQUEST | Rtnl.NLM_F_ACK;
    private const ushort Dump = Rtnl.NLM_F_REQUEST | Rtnl.NLM_F_DUMP;

    public static NetlinkMessageWriter NewBridge(string name, int? mtu)
    {
        var w = NewLink(name, mtu);
        var info = w.BeginNested(Rtnl.IFLA_LINKINFO);
        w.String(Rtnl.IFLA_INFO_KIND, "bridge");
        return w.EndNested(info);
    }

    /// <summary>A veth pair; with <paramref name="peerNamespaceFd"/> the kernel creates the peer directly in that namespace.</summary>
    public static NetlinkMessageWriter NewVeth(string name, string peerName, int? peerNamespaceFd, int? mtu)
    {
        var w = NewLink(name, mtu);
        var info = w.BeginNested(Rtnl.IFLA_LINKINFO);
        w.String(Rtnl.IFLA_INFO_KIND, "veth");
        var data = w.BeginNested(Rtnl.IFLA_INFO_DATA);
        // VETH_INFO_PEER carries a whole ifinfomsg followed by the peer's own IFLA_* attributes.
        var peer = w.BeginNested(Rtnl.VETH_INFO_PEER);
        w.Header(new IfInfoMsg { Family = Rtnl.AF_UNSPEC });
        w.String(Rtnl.IFLA_IFNAME, peerName);
        if (mtu is { } m)
        {
            w.UInt32(Rtnl.IFLA_MTU, (uint)m);
        }

        if (peerNamespaceFd is { } fd)
        {
            w.UInt32(Rtnl.IFLA_NET_NS_FD, (uint)fd);
        }

        w.EndNested(peer);
        w.EndNested(data);
        return w.EndNested(info);
    }

    public static NetlinkMessageWriter DelLink(string name) => ByName(Rtnl.RTM_DELLINK, Change, name);

    public static NetlinkMessageWriter GetLink(string name) => ByName(Rtnl.RTM_GETLINK, Change, name);

    public static NetlinkMessageWriter DumpLinks() =>
        new NetlinkMessageWriter(Rtnl.RTM_GETLINK, Dump).Header(new IfInfoMsg { Family = Rtnl.AF_UNSPEC });

    public static NetlinkMessageWriter SetMaster(string name, int masterIndex) =>
        ByName(Rtnl.RTM_SETLINK, Change, name).UInt32(Rtnl.IFLA_MASTER, (uint)masterIndex);

    public static NetlinkMessageWriter SetState(string name, bool up) =>
        new NetlinkMessageWriter(Rtnl.RTM_SETLINK, Change)
            .Header(new IfInfoMsg { Family = Rtnl.AF_UNSPEC, Flags = up ? Rtnl.IFF_UP : 0, Change = Rtnl.IFF_UP })
            .String(Rtnl.IFLA_IFNAME, name);

    /// <summary>
    /// Hairpin mode of a bridge port: the bridge may send a frame back out of the port it came in on, which a
    /// container needs to reach its own published port. The bridge's setlink handler looks the port up by index only.
    /// </summary>
    public static NetlinkMessageWriter SetHairpin(int linkIndex, bool on)
    {
        var w = new NetlinkMessageWriter(Rtnl.RTM_SETLINK, Change).Header(new IfInfoMsg { Family = Rtnl.AF_BRIDGE, Index = linkIndex });
        var protinfo = w.BeginNested(Rtnl.IFLA_PROTINFO | Rtnl.NLA_F_NESTED);
        w.Attribute(Rtnl.IFLA_BRPORT_MODE, [on ? (byte)1 : (byte)0]);
        return w.EndNested(protinfo);
    }

    /// <summary>
    /// `ip link set X addrgenmode none|eui64`: whether the kernel gives the link an IPv6 link-local address when it
    /// comes up. The kernel refuses IFLA_AF_SPEC on RTM_NEWLINK (EAFNOSUPPORT: no inet6 device yet), so this is a
    /// separate request after the link exists and before it goes up.
    /// </summary>
    public static NetlinkMessageWriter SetIpv6AddressGeneration(string name, bool on)
    {
        var w = ByName(Rtnl.RTM_SETLINK, Change, name);
        var spec = w.BeginNested(Rtnl.IFLA_AF_SPEC);
        var inet6 = w.BeginNested(Rtnl.AF_INET6);
        w.Attribute(Rtnl.IFLA_INET6_ADDR_GEN_MODE, [on ? Rtnl.IN6_ADDR_GEN_MODE_EUI64 : Rtnl.IN6_ADDR_GEN_MODE_NONE]);
        w.EndNested(inet6);
        return w.EndNested(spec);
    }

    public static NetlinkMessageWriter SetMtu(string name, int mtu) =>
        ByName(Rtnl.RTM_SETLINK, Change, name).UInt32(Rtnl.IFLA_MTU, (uint)mtu);

    public static NetlinkMessageWriter SetMacAddress(string name, PhysicalAddress address) =>
        ByName(Rtnl.RTM_SETLINK, Change, name).Attribute(Rtnl.IFLA_ADDRESS, address.GetAddressBytes());

    /// <summary>As `ip addr add ADDR/LEN brd + dev X`: IFA_LOCAL and IFA_ADDRESS, and the broadcast for IPv4.</summary>
    public static NetlinkMessageWriter NewAddress(int linkIndex, IPAddress address, int prefixLength) =>
        Address(Rtnl.RTM_NEWADDR, Create, linkIndex, address, prefixLength);

    public static NetlinkMessageWriter DelAddress(int linkIndex, IPAddress address, int prefixLength) =>
        Address(Rtnl.RTM_DELADDR, Change, linkIndex, address, prefixLength);

    public static NetlinkMessageWriter DumpAddresses(AddressFamily? family) =>
        new NetlinkMessageWriter(Rtnl.RTM_GETADDR, Dump).Header(new IfAddrMsg { Family = FamilyByte(family) });

    /// <summary>As `ip route add`: table main, proto boot, scope link without a gateway, universe with one.</summary>
    public static NetlinkMessageWriter NewRoute(IPNetwork destination, IPAddress? gateway, int? outputIndex) =>
        Route(Rtnl.RTM_NEWROUTE, Create, destination, gateway, outputIndex, new RtMsg
        {
            Protocol = Rtnl.RTPROT_BOOT,
            Scope = gateway is null ? Rtnl.RT_SCOPE_LINK : Rtnl.RT_SCOPE_UNIVERSE,
            Type = Rtnl.RTN_UNICAST,
        });

    /// <summary>As `ip route del`: scope NOWHERE and no protocol or type, which the kernel reads as "any".</summary>
    public static NetlinkMessageWriter DelRoute(IPNetwork destination, IPAddress? gateway, int? outputIndex) =>
        Route(Rtnl.RTM_DELROUTE, Change, destination, gateway, outputIndex, new RtMsg { Scope = Rtnl.RT_SCOPE_NOWHERE });

    public static NetlinkMessageWriter DumpRoutes(AddressFamily family) =>
        new NetlinkMessageWriter(Rtnl.RTM_GETROUTE, Dump).Header(new RtMsg { Family = FamilyByte(family) });

    private static NetlinkMessageWriter NewLink(string name, int? mtu)
    {
        var w = ByName(Rtnl.RTM_NEWLINK, Create, name);
        return mtu is { } m ? w.UInt32(Rtnl.IFLA_MTU, (uint)m) : w;
    }

    private static NetlinkMessageWriter ByName(ushort type, ushort flags, string name) =>
        new NetlinkMessageWriter(type, flags).Header(new IfInfoMsg { Family = Rtnl.AF_UNSPEC }).String(Rtnl.IFLA_IFNAME, name);

    private static NetlinkMessageWriter Address(ushort type, ushort flags, int linkIndex, IPAddress address, int prefixLength)
    {
        var w = new NetlinkMessageWriter(type, flags).Header(new IfAddrMsg
        {
            Family = FamilyByte(address.AddressFamily),
            PrefixLength = (byte)prefixLength,
            Scope = Rtnl.RT_SCOPE_UNIVERSE,
            Index = linkIndex,
        });
        w.Address(Rtnl.IFA_LOCAL, address).Address(Rtnl.IFA_ADDRESS, address);
        if (address.AddressFamily == AddressFamily.InterNetwork && prefixLength < 31)
        {
            w.Address(Rtnl.IFA_BROADCAST, Broadcast(address, prefixLength));
        }

        return w;
    }

    private static NetlinkMessageWriter Route(
        ushort type, ushort flags, IPNetwork destination, IPAddress? gateway, int? outputIndex, RtMsg header)
    {
        header.Family = FamilyByte(destination.BaseAddress.AddressFamily);
        header.DestinationLength = (byte)destination.PrefixLength;
        header.Table = Rtnl.RT_TABLE_MAIN;
        var w = new NetlinkMessageWriter(type, flags).Header(header);
        if (destination.PrefixLength > 0)
        {
            w.Address(Rtnl.RTA_DST, destination.BaseAddress);
        }

        if (gateway is not null)
        {
            w.Address(Rtnl.RTA_GATEWAY, gateway);
        }

        if (outputIndex is { } index)
        {
            w.UInt32(Rtnl.RTA_OIF, (uint)index);
        }

        return w;
    }

    internal static IPAddress Broadcast(IPAddress address, int prefixLength)
    {
        var bytes = address.GetAddressBytes();
        for (var bit = prefixLength; bit < 32; bit++)
        {
            bytes[bit / 8] |= (byte)(0x80 >> (bit % 8));
        }

        return new IPAddress(bytes);
    }

    private static byte FamilyByte(AddressFamily? family) => family switch
    {
        null => Rtnl.AF_UNSPEC,
        AddressFamily.InterNetwork => Rtnl.AF_INET,
        AddressFamily.InterNetworkV6 => Rtnl.AF_INET6,
        _ => throw new ArgumentException($"address family {family} is not IPv4 or IPv6", nameof(family)),
    };
}
