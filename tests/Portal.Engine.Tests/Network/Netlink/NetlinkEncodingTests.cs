using System.Net;
using System.Net.NetworkInformation;
using Portal.Engine.Network.Netlink;

namespace Portal.Engine.Tests.Network.Netlink;

public sealed class NetlinkEncodingTests
{
    private static byte[] Hex(params string[] parts) => Convert.FromHexString(string.Concat(parts).Replace(" ", "", StringComparison.Ordinal));

    [Fact]
    public void Veth_with_peer_in_namespace_matches_hand_assembled_bytes()
    {
        var bytes = RtnlRequests.NewVeth("pt-ve0", "eth0", peerNamespaceFd: 7, mtu: null).ToArray(sequence: 5);

        var expected = Hex(
            "68000000 1000 0506 05000000 00000000",       // nlmsghdr: 104 bytes, RTM_NEWLINK, REQUEST|ACK|EXCL|CREATE, seq 5
            "00000000 00000000 00000000 00000000",       // ifinfomsg
            "0B000300 70742D76 65300000",                 // IFLA_IFNAME "pt-ve0\0" + 1 pad
            "3C001200",                                   // IFLA_LINKINFO, 60 bytes
            "09000100 76657468 00000000",                 //   IFLA_INFO_KIND "veth\0" + 3 pad
            "2C000200",                                   //   IFLA_INFO_DATA, 44 bytes
            "28000100",                                   //     VETH_INFO_PEER, 40 bytes
            "00000000 00000000 00000000 00000000",       //       ifinfomsg of the peer
            "09000300 65746830 00000000",                 //       IFLA_IFNAME "eth0\0" + 3 pad
            "08001C00 07000000");                         //       IFLA_NET_NS_FD 7
        Assert.Equal(Convert.ToHexString(expected), Convert.ToHexString(bytes));
    }

    [Fact]
    public void Veth_in_this_namespace_has_no_namespace_attribute_and_carries_mtu_on_both_ends()
    {
        var message = Reparse(RtnlRequests.NewVeth("pt-a", "pt-b", null, 1400).ToArray(1));
        var attributes = message.Attributes<IfInfoMsg>();
        Assert.Equal(1400u, attributes.UInt32(Rtnl.IFLA_MTU));
        var peer = attributes.Nested(Rtnl.IFLA_LINKINFO)!.Nested(Rtnl.IFLA_INFO_DATA)!.Bytes(Rtnl.VETH_INFO_PEER)!.Value;
        var peerAttributes = NetlinkAttributes.Parse(peer[16..]);
        Assert.Equal("pt-b", peerAttributes.String(Rtnl.IFLA_IFNAME));
        Assert.Equal(1400u, peerAttributes.UInt32(Rtnl.IFLA_MTU));
        Assert.False(peerAttributes.Has(Rtnl.IFLA_NET_NS_FD));
    }

    [Fact]
    public void Hairpin_on_matches_hand_assembled_bytes()
    {
        var bytes = RtnlRequests.SetHairpin(7, on: true).ToArray(sequence: 3);

        var expected = Hex(
            "2C000000 1300 0500 03000000 00000000",       // 44 bytes, RTM_SETLINK, REQUEST|ACK, seq 3
            "07 00 0000 07000000 00000000 00000000",     // ifinfomsg: AF_BRIDGE, index 7
            "0C000C80",                                   // IFLA_PROTINFO | NLA_F_NESTED, 12 bytes
            "05000400 01000000");                         //   IFLA_BRPORT_MODE u8 1 + 3 pad
        Assert.Equal(Convert.ToHexString(expected), Convert.ToHexString(bytes));
    }

    [Fact]
    public void Ipv6_address_generation_off_matches_hand_assembled_bytes()
    {
        var bytes = RtnlRequests.SetIpv6AddressGeneration("pt-a", on: false).ToArray(sequence: 4);

        var expected = Hex(
            "3C000000 1300 0500 04000000 00000000",       // 60 bytes, RTM_SETLINK, REQUEST|ACK, seq 4
            "00000000 00000000 00000000 00000000",       // ifinfomsg
            "09000300 70742D61 00000000",                 // IFLA_IFNAME "pt-a\0" + 3 pad
            "10001A00",                                   // IFLA_AF_SPEC, 16 bytes
            "0C000A00",                                   //   AF_INET6, 12 bytes
            "05000800 01000000");                         //     IFLA_INET6_ADDR_GEN_MODE u8 1 (none) + 3 pad
        Assert.Equal(Convert.ToHexString(expected), Convert.ToHexString(bytes));
        Assert.Equal(0, RtnlRequests.SetIpv6AddressGeneration("pt-a", on: true).ToArray(sequence: 4)[^4]);
    }

    [Fact]
    public void New_address_matches_hand_assembled_bytes_with_broadcast()
    {
        var bytes = RtnlRequests.NewAddress(7, IPAddress.Parse("10.250.3.2"), 24).ToArray(sequence: 9);

        var expected = Hex(
            "30000000 1400 0506 09000000 00000000",       // 48 bytes, RTM_NEWADDR, REQUEST|ACK|EXCL|CREATE, seq 9
            "02 18 00 00 07000000",                       // ifaddrmsg: AF_INET, /24, flags 0, scope universe, index 7
            "08000200 0AFA0302",                          // IFA_LOCAL 10.250.3.2
            "08000100 0AFA0302",                          // IFA_ADDRESS 10.250.3.2
            "08000400 0AFA03FF");                         // IFA_BROADCAST 10.250.3.255
        Assert.Equal(Convert.ToHexString(expected), Convert.ToHexString(bytes));
    }

    [Fact]
    public void Default_route_matches_hand_assembled_bytes()
    {
        var bytes = RtnlRequests.NewRoute(new IPNetwork(IPAddress.Any, 0), IPAddress.Parse("10.250.3.1"), 7).ToArray(sequence: 10);

        var expected = Hex(
            "2C000000 1800 0506 0A000000 00000000",       // 44 bytes, RTM_NEWROUTE, REQUEST|ACK|EXCL|CREATE, seq 10
            "02 00 00 00 FE 03 00 01 00000000",           // rtmsg: AF_INET, dst /0, table main, proto boot, scope universe, unicast
            "08000500 0AFA0301",                          // RTA_GATEWAY 10.250.3.1
            "08000400 07000000");                         // RTA_OIF 7
        Assert.Equal(Convert.ToHexString(expected), Convert.ToHexString(bytes));
    }

    [Fact]
    public void Device_route_is_scope_link_with_destination_and_delete_matches_any_scope()
    {
        var add = Reparse(RtnlRequests.NewRoute(IPNetwork.Parse("10.251.0.0/16"), null, 3).ToArray(1));
        var header = add.Header<RtMsg>();
        Assert.Equal((16, Rtnl.RT_SCOPE_LINK, Rtnl.RT_TABLE_MAIN), ((int)header.DestinationLength, header.Scope, header.Table));
        Assert.Equal(IPAddress.Parse("10.251.0.0"), add.Attributes<RtMsg>().Address(Rtnl.RTA_DST));
        Assert.False(add.Attributes<RtMsg>().Has(Rtnl.RTA_GATEWAY));

        var delete = Reparse(RtnlRequests.DelRoute(IPNetwork.Parse("10.251.0.0/16"), null, 3).ToArray(2));
        Assert.Equal(Rtnl.RTM_DELROUTE, delete.Type);
        Assert.Equal(Rtnl.RT_SCOPE_NOWHERE, delete.Header<RtMsg>().Scope);
        Assert.Equal(Rtnl.NLM_F_REQUEST | Rtnl.NLM_F_ACK, delete.Flags);
    }

    [Fact]
    public void Link_changes_address_the_link_by_name()
    {
        var up = Reparse(RtnlRequests.SetState("eth0", up: true).ToArray(1));
        Assert.Equal(Rtnl.RTM_SETLINK, up.Type);
        Assert.Equal((Rtnl.IFF_UP, Rtnl.IFF_UP, 0), (up.Header<IfInfoMsg>().Flags, up.Header<IfInfoMsg>().Change, up.Header<IfInfoMsg>().Index));
        Assert.Equal("eth0", up.Attributes<IfInfoMsg>().String(Rtnl.IFLA_IFNAME));

        var down = Reparse(RtnlRequests.SetState("eth0", up: false).ToArray(1));
        Assert.Equal((0u, Rtnl.IFF_UP), (down.Header<IfInfoMsg>().Flags, down.Header<IfInfoMsg>().Change));

        var mac = Reparse(RtnlRequests.SetMacAddress("eth0", PhysicalAddress.Parse("02-42-0A-FA-03-02")).ToArray(1));
        Assert.Equal("02420AFA0302", Convert.ToHexString(mac.Attributes<IfInfoMsg>().Bytes(Rtnl.IFLA_ADDRESS)!.Value.Span));

        var master = Reparse(RtnlRequests.SetMaster("pt-ve0", 12).ToArray(1));
        Assert.Equal(12u, master.Attributes<IfInfoMsg>().UInt32(Rtnl.IFLA_MASTER));
        Assert.Equal(1500u, Reparse(RtnlRequests.SetMtu("eth0", 1500).ToArray(1)).Attributes<IfInfoMsg>().UInt32(Rtnl.IFLA_MTU));
    }

    [Fact]
    public void Attributes_are_padded_to_four_bytes_and_nests_count_their_padding()
    {
        var w = new NetlinkMessageWriter(Rtnl.RTM_NEWLINK, Rtnl.NLM_F_REQUEST);
        var nest = w.BeginNested(9);
        w.Attribute(1, [0xAA, 0xBB, 0xCC, 0xDD, 0xEE]);
        w.Attribute(2, [0x11]);
        w.EndNested(nest);
        w.Attribute(3, []);
        var bytes = w.ToArray(1);

        Assert.Equal(
            "18000900" + "09000100AABBCCDDEE000000" + "05000200" + "11000000" + "04000300",
            Convert.ToHexString(bytes.AsSpan(16)));
        Assert.Equal(bytes.Length, BitConverter.ToInt32(bytes, 0));
        Assert.Equal(0, bytes.Length % 4);

        var parsed = NetlinkAttributes.Parse(bytes.AsMemory(16));
        var inner = parsed.Nested(9)!;
        Assert.Equal("AABBCCDDEE", Convert.ToHexString(inner.Bytes(1)!.Value.Span));
        Assert.Equal("11", Convert.ToHexString(inner.Bytes(2)!.Value.Span));
        Assert.Equal(0, parsed.Bytes(3)!.Value.Length);
    }

    [Fact]
    public void Attribute_overrunning_its_buffer_is_refused_with_offsets()
    {
        var ex = Assert.Throws<InvalidDataException>(() => NetlinkAttributes.Parse(Hex("08000100 0A00")));
        Assert.Contains("attribute 1 at offset 0 claims 8 bytes, 6 remain", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("10.0.0.5", 24, "10.0.0.255")]
    [InlineData("10.250.3.2", 16, "10.250.255.255")]
    [InlineData("192.168.1.9", 30, "192.168.1.11")]
    public void Broadcast_sets_the_host_bits(string address, int prefix, string broadcast) =>
        Assert.Equal(IPAddress.Parse(broadcast), RtnlRequests.Broadcast(IPAddress.Parse(address), prefix));

    [Fact]
    public void Point_to_point_prefixes_have_no_broadcast()
    {
        var message = Reparse(RtnlRequests.NewAddress(1, IPAddress.Parse("10.0.0.1"), 31).ToArray(1));
        Assert.False(message.Attributes<IfAddrMsg>().Has(Rtnl.IFA_BROADCAST));
    }

    private static NetlinkMessage Reparse(byte[] bytes) => Assert.Single(NetlinkMessage.Split(bytes));
}
