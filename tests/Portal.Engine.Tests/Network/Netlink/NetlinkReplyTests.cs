using System.Net;
using Portal.Engine.Interop;
using Portal.Engine.Network.Netlink;

namespace Portal.Engine.Tests.Network.Netlink;

public sealed class NetlinkReplyTests
{
    private const uint Port = 4242;

    [Fact]
    public void Error_reply_becomes_linux_exception_naming_request_and_object()
    {
        var exchange = new NetlinkExchange("RTM_NEWLINK veth", "portal0a1b (peer eth0)", 5, Port, dump: false);

        var ex = Assert.Throws<LinuxException>(() => exchange.Accept(Error(5, -ErrnoNames.EEXIST, extack: null)));

        Assert.Equal(ErrnoNames.EEXIST, ex.Errno);
        Assert.Equal("RTM_NEWLINK veth portal0a1b (peer eth0): EEXIST (File exists)", ex.Message);
    }

    [Fact]
    public void Extended_ack_text_is_part_of_the_message()
    {
        var exchange = new NetlinkExchange("RTM_NEWLINK", "pt-x", 3, Port, dump: false);

        var ex = Assert.Throws<LinuxException>(() => exchange.Accept(Error(3, -ErrnoNames.EOPNOTSUPP, "Unknown device type")));

        Assert.Equal(ErrnoNames.EOPNOTSUPP, ex.Errno);
        Assert.StartsWith("RTM_NEWLINK pt-x [Unknown device type]: EOPNOTSUPP", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Ack_completes_and_stale_answers_of_other_requests_are_skipped()
    {
        var exchange = new NetlinkExchange("RTM_SETLINK", "eth0 up", 6, Port, dump: false);
        var stale = Error(5, -ErrnoNames.EEXIST, null);
        var ack = Error(6, 0, null);

        Assert.False(exchange.Accept(stale));
        Assert.True(exchange.Accept(ack));
        Assert.Empty(exchange.Replies);
    }

    [Fact]
    public void Captured_multipart_address_dump_parses_until_done()
    {
        var exchange = new NetlinkExchange("RTM_GETADDR dump", "addresses", 1, CapturedDumps.PortId, dump: true);

        Assert.False(exchange.Accept(Convert.FromHexString(CapturedDumps.Addresses[0])));
        Assert.True(exchange.Accept(Convert.FromHexString(CapturedDumps.Addresses[1])));

        var addresses = exchange.Replies.Select(RtnlReplies.Address).ToList();
        Assert.Equal(
            ["1 127.0.0.1/8 lo", "2 10.250.9.1/24 b0"],
            addresses.Select(a => $"{a.LinkIndex} {a.Address}/{a.PrefixLength} {a.Label}"));
    }

    [Fact]
    public void Captured_route_dump_keeps_only_the_main_table()
    {
        var exchange = new NetlinkExchange("RTM_GETROUTE dump", "routes", 2, CapturedDumps.PortId, dump: true);
        foreach (var datagram in CapturedDumps.Routes)
        {
            exchange.Accept(Convert.FromHexString(datagram));
        }

        Assert.True(exchange.IsComplete);
        Assert.Equal(7, exchange.Replies.Count);
        var routes = exchange.Replies.Select(RtnlReplies.Route).OfType<RouteInfo>().ToList();
        Assert.Equal(2, routes.Count);
        Assert.Equal(IPNetwork.Parse("10.250.9.0/24"), routes[0].Destination);
        Assert.Equal((null, 2, IPAddress.Parse("10.250.9.1"), Rtnl.RT_SCOPE_LINK),
            (routes[0].Gateway, routes[0].OutputLinkIndex, routes[0].PreferredSource, routes[0].Scope));
        Assert.Equal(IPNetwork.Parse("10.251.0.0/16"), routes[1].Destination);
        Assert.Equal(IPAddress.Parse("10.250.9.254"), routes[1].Gateway);
    }

    [Fact]
    public void Interrupted_dump_is_flagged_for_a_retry()
    {
        var exchange = new NetlinkExchange("RTM_GETADDR dump", "addresses", 1, CapturedDumps.PortId, dump: true);
        var first = Convert.FromHexString(CapturedDumps.Addresses[0]);
        first[6] |= (byte)Rtnl.NLM_F_DUMP_INTR;

        exchange.Accept(first);
        exchange.Accept(Convert.FromHexString(CapturedDumps.Addresses[1]));

        Assert.True(exchange.Interrupted);
    }

    [Fact]
    public void Done_carrying_an_error_fails_the_dump()
    {
        var exchange = new NetlinkExchange("RTM_GETLINK dump", "links", 8, Port, dump: true);
        var done = Message(Rtnl.NLMSG_DONE, Rtnl.NLM_F_MULTI, 8, BitConverter.GetBytes(-ErrnoNames.EINVAL));

        var ex = Assert.Throws<LinuxException>(() => exchange.Accept(done));
        Assert.Equal("RTM_GETLINK dump links: EINVAL (Invalid argument)", ex.Message);
    }

    [Fact]
    public void Truncated_datagram_is_a_protocol_error_naming_the_object()
    {
        var exchange = new NetlinkExchange("RTM_GETLINK", "eth0", 1, Port, dump: false);
        var datagram = Error(1, 0, null)[..20];

        var ex = Assert.Throws<LinuxException>(() => exchange.Accept(datagram));
        Assert.Contains("RTM_GETLINK eth0 [netlink message at offset 0 claims", ex.Message, StringComparison.Ordinal);
    }

    /// <summary>An NLMSG_ERROR as the kernel sends it with NETLINK_CAP_ACK (and NETLINK_EXT_ACK when a text is given).</summary>
    private static byte[] Error(uint sequence, int error, string? extack)
    {
        var payload = new NetlinkMessageWriter(Rtnl.NLMSG_ERROR, 0);
        payload.Header(error);
        payload.Header(new NlMsgHdr { Length = 52, Type = Rtnl.RTM_NEWLINK, Flags = 0x605, Sequence = sequence, PortId = Port });
        if (extack is not null)
        {
            payload.String(Rtnl.NLMSGERR_ATTR_MSG, extack);
        }

        var flags = (ushort)(Rtnl.NLM_F_CAPPED | (extack is null ? 0 : Rtnl.NLM_F_ACK_TLVS));
        return Message(Rtnl.NLMSG_ERROR, flags, sequence, payload.ToArray(sequence).AsSpan(16).ToArray());
    }

    private static byte[] Message(ushort type, ushort flags, uint sequence, byte[] payload)
    {
        var w = new NetlinkMessageWriter(type, flags);
        foreach (var b in payload)
        {
            w.Header(b);
        }

        return w.ToArray(sequence, Port);
    }
}
