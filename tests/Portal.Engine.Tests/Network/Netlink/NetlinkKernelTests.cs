using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using System.Text.Json;
using Portal.Engine.Interop;
using Portal.Engine.Network.Netlink;
using Portal.Engine.Tests.TestSupport;

namespace Portal.Engine.Tests.Network.Netlink;

/// <summary>The client against the real kernel; every object is named pt-*-&lt;random&gt; and removed by <see cref="TestNetwork"/>.</summary>
public sealed class NetlinkKernelTests
{
    private static readonly CancellationToken Ct = TestContext.Current.CancellationToken;

    [Fact]
    public async Task Lists_links_of_this_namespace_without_root()
    {
        using var client = NetlinkClient.Open();

        var links = await client.ListLinksAsync(Ct);

        var lo = Assert.Single(links, l => l.Name == "lo");
        Assert.Equal(lo.Index, await client.GetIndexAsync("lo", Ct));
        Assert.Null(await client.GetIndexAsync($"pt-none-{Random.Shared.Next(0x1000, 0x10000):x4}", Ct));
    }

    [Fact]
    public async Task Cancelled_request_throws_and_the_client_stays_usable()
    {
        using var client = NetlinkClient.Open();
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.ListLinksAsync(cancelled.Token));
        Assert.NotNull(await client.GetLinkAsync("lo", Ct));
    }

    [Fact]
    public async Task Concurrent_requests_on_one_client_each_get_their_own_answer()
    {
        using var client = NetlinkClient.Open();

        var answers = await Task.WhenAll(Enumerable.Range(0, 32).Select(i =>
            i % 2 == 0 ? client.GetIndexAsync("lo", Ct) : client.GetIndexAsync($"pt-none-{i}", Ct)));

        var lo = await client.GetIndexAsync("lo", Ct);
        Assert.All(answers.Where((_, i) => i % 2 == 0), a => Assert.Equal(lo, a));
        Assert.All(answers.Where((_, i) => i % 2 == 1), Assert.Null);
    }

    [Fact]
    [Trait("Category", Root.Category)]
    public async Task Bridge_and_veth_into_a_namespace_carry_traffic()
    {
        Root.Require();
        await using var test = new TestNetwork();
        var (client, bridge, veth) = (test.Client, test.Link("br"), test.Link("ve"));
        var netns = await test.NamespaceAsync();
        var ns = TestNetwork.NamespaceName(netns);
        var net = Random.Shared.Next(2, 250);
        var gateway = IPAddress.Parse($"10.250.{net}.1");
        var peerAddress = IPAddress.Parse($"10.250.{net}.2");
        await client.CreateBridgeAsync(bridge, 1400, Ct);
        await client.CreateVethAsync(veth, "eth0", netns, 1400, Ct);
        await client.SetMasterAsync(veth, bridge, Ct);
        Assert.Equal("0", (await File.ReadAllTextAsync($"/sys/class/net/{veth}/brport/hairpin_mode", Ct)).Trim());
        await client.SetHairpinAsync(veth, on: true, Ct);
        Assert.Equal("1", (await File.ReadAllTextAsync($"/sys/class/net/{veth}/brport/hairpin_mode", Ct)).Trim());
        await client.SetLinkStateAsync(veth, up: true, Ct);
        await client.SetLinkStateAsync(bridge, up: true, Ct);
        await client.AddAddressAsync(bridge, gateway, 24, Ct);

        using (var inside = NetlinkClient.OpenIn(netns))
        {
            await inside.SetLinkStateAsync("lo", up: true, Ct);
            await inside.SetMacAddressAsync("eth0", PhysicalAddress.Parse("02-42-0a-fa-00-02"), Ct);
            await inside.SetLinkStateAsync("eth0", up: true, Ct);
            await inside.AddAddressAsync("eth0", peerAddress, 24, Ct);
            await inside.AddDefaultRouteAsync(gateway, "eth0", Ct);
        }

        var hostLink = (await HostCommand.IpJsonAsync("link", "show", "dev", veth))[0];
        Assert.Equal(bridge, hostLink.GetProperty("master").GetString());
        Assert.Equal(1400, hostLink.GetProperty("mtu").GetInt32());
        Assert.Contains("UP", Flags(hostLink));
        var bridgeLink = (await HostCommand.IpJsonAsync("-d", "link", "show", "dev", bridge))[0];
        Assert.Equal("bridge", bridgeLink.GetProperty("linkinfo").GetProperty("info_kind").GetString());
        Assert.Equal(1400, bridgeLink.GetProperty("mtu").GetInt32());
        Assert.Equal([$"{gateway}/24 brd 10.250.{net}.255"], Ipv4(await HostCommand.IpJsonAsync("addr", "show", "dev", bridge)));

        var eth0 = (await HostCommand.IpJsonAsync("-n", ns, "addr", "show", "dev", "eth0"))[0];
        Assert.Equal("02:42:0a:fa:00:02", eth0.GetProperty("address").GetString());
        Assert.Equal(1400, eth0.GetProperty("mtu").GetInt32());
        Assert.Equal([$"{peerAddress}/24 brd 10.250.{net}.255"], Ipv4(await HostCommand.IpJsonAsync("-n", ns, "addr", "show", "dev", "eth0")));
        var route = Assert.Single((await HostCommand.IpJsonAsync("-n", ns, "route", "show", "default")).EnumerateArray());
        Assert.Equal((gateway.ToString(), "eth0"), (route.GetProperty("gateway").GetString(), route.GetProperty("dev").GetString()));

        var before = await client.GetStatisticsAsync(veth, Ct);
        Assert.NotNull(before);
        var ping = await HostCommand.RunAsync("ip", "netns", "exec", ns, "busybox", "ping", "-c1", "-W2", gateway.ToString());
        Assert.True(ping.ExitCode == 0, $"ping from {ns} to {gateway}: {ping.Stdout}{ping.Stderr}");
        var after = await client.GetStatisticsAsync(veth, Ct);
        Assert.NotNull(after);
        Assert.True(after.RxPackets > before.RxPackets && after.TxPackets > before.TxPackets, $"{before} -> {after}");
        Assert.True(after.RxBytes >= before.RxBytes + 84, $"{before} -> {after}");

        await client.DeleteLinkAsync(veth, Ct);
        Assert.Null(await client.GetIndexAsync(veth, Ct));
        Assert.False(await HostCommand.LinkExistsAsync(ns, "eth0"), "deleting the host end removes the peer in the namespace");
    }

    [Fact]
    [Trait("Category", Root.Category)]
    public async Task Veth_pair_in_this_namespace_is_listed_as_peers_and_deleted_together()
    {
        Root.Require();
        await using var test = new TestNetwork();
        var (client, a, b) = (test.Client, test.Link("va"), test.Link("vb"));
        await client.CreateVethAsync(a, b, null, null, Ct);
        await client.SetMtuAsync(a, 1280, Ct);

        var links = await client.ListLinksAsync(Ct);
        var left = Assert.Single(links, l => l.Name == a);
        var right = Assert.Single(links, l => l.Name == b);
        Assert.Equal(("veth", "veth"), (left.Kind, right.Kind));
        Assert.Equal((right.Index, left.Index), (left.LinkIndex, right.LinkIndex));
        Assert.Equal(1280, left.Mtu);
        Assert.False(left.IsUp);

        await client.DeleteLinkAsync(b, Ct);

        Assert.False(await HostCommand.LinkExistsAsync(null, a));
        Assert.False(await HostCommand.LinkExistsAsync(null, b));
    }

    [Fact]
    [Trait("Category", Root.Category)]
    public async Task A_link_with_ipv6_address_generation_off_comes_up_without_a_link_local_address()
    {
        Root.Require();
        await using var test = new TestNetwork();
        var (client, off, on) = (test.Client, test.Link("va"), test.Link("vb"));
        await client.CreateVethAsync(off, on, null, null, Ct);
        await client.SetIpv6AddressGenerationAsync(off, on: false, Ct);
        await client.SetLinkStateAsync(off, up: true, Ct);
        await client.SetLinkStateAsync(on, up: true, Ct);

        // The kernel adds the peer's link-local address (tentative) as soon as the pair has carrier; once it is
        // there, the link with generation off has had the same chance to get one.
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while ((await Ipv6Async(on)).Count == 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50, Ct);
        }

        Assert.Single(await Ipv6Async(on), a => a.StartsWith("fe80:", StringComparison.Ordinal));
        Assert.Empty(await Ipv6Async(off));
        var detail = (await HostCommand.IpJsonAsync("-d", "link", "show", "dev", off))[0];
        Assert.Equal("none", detail.GetProperty("inet6_addr_gen_mode").GetString());
    }

    [Fact]
    [Trait("Category", Root.Category)]
    public async Task Kernel_refusals_name_the_request_and_the_object()
    {
        Root.Require();
        await using var test = new TestNetwork();
        var (client, bridge, missing) = (test.Client, test.Link("br"), test.Link("no"));
        await client.CreateBridgeAsync(bridge, null, Ct);

        var exists = await Assert.ThrowsAsync<LinuxException>(() => client.CreateBridgeAsync(bridge, null, Ct));
        Assert.Equal(ErrnoNames.EEXIST, exists.Errno);
        Assert.StartsWith($"RTM_NEWLINK bridge {bridge}", exists.Message, StringComparison.Ordinal);
        Assert.Contains(": EEXIST (File exists)", exists.Message, StringComparison.Ordinal);

        var veth = await Assert.ThrowsAsync<LinuxException>(() => client.CreateVethAsync(bridge, "eth0", null, null, Ct));
        Assert.StartsWith($"RTM_NEWLINK veth {bridge} (peer eth0)", veth.Message, StringComparison.Ordinal);
        Assert.Equal(ErrnoNames.EEXIST, veth.Errno);

        var gone = await Assert.ThrowsAsync<LinuxException>(() => client.DeleteLinkAsync(missing, Ct));
        Assert.Equal($"RTM_DELLINK {missing}: ENODEV (No such device)", gone.Message);

        var noDevice = await Assert.ThrowsAsync<LinuxException>(
            () => client.AddAddressAsync(missing, IPAddress.Parse("10.250.1.1"), 24, Ct));
        Assert.Equal($"RTM_NEWADDR 10.250.1.1/24 dev {missing}: ENODEV (No such device)", noDevice.Message);

        var noMaster = await Assert.ThrowsAsync<LinuxException>(() => client.SetMasterAsync(bridge, missing, Ct));
        Assert.StartsWith($"RTM_SETLINK {bridge} master {missing}: ENODEV", noMaster.Message, StringComparison.Ordinal);

        Assert.False(await client.DeleteLinkIfExistsAsync(missing, Ct));
    }

    [Fact]
    [Trait("Category", Root.Category)]
    public async Task Extended_ack_text_from_the_kernel_reaches_the_message()
    {
        Root.Require();
        await using var test = new TestNetwork();
        var name = test.Link("xx");
        using var socket = NetlinkSocket.Open();
        var request = new NetlinkMessageWriter(Rtnl.RTM_NEWLINK, Rtnl.NLM_F_REQUEST | Rtnl.NLM_F_CREATE | Rtnl.NLM_F_EXCL)
            .Header(new IfInfoMsg()).String(Rtnl.IFLA_IFNAME, name);
        var info = request.BeginNested(Rtnl.IFLA_LINKINFO);
        request.String(Rtnl.IFLA_INFO_KIND, "pt-no-such-kind");
        request.EndNested(info);

        var ex = await Assert.ThrowsAsync<LinuxException>(() => socket.ExchangeAsync(request, "RTM_NEWLINK", name, Ct));

        Assert.Equal(ErrnoNames.EOPNOTSUPP, ex.Errno);
        Assert.StartsWith($"RTM_NEWLINK {name} [Unknown device type]: EOPNOTSUPP", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Category", Root.Category)]
    public async Task Addresses_and_routes_are_added_listed_and_deleted_inside_a_namespace()
    {
        Root.Require();
        await using var test = new TestNetwork();
        var netns = await test.NamespaceAsync();
        var ns = TestNetwork.NamespaceName(netns);
        using var client = NetlinkClient.OpenIn(netns);
        await client.CreateBridgeAsync("br0", null, Ct);
        await client.SetLinkStateAsync("br0", up: true, Ct);
        await client.AddAddressAsync("br0", IPAddress.Parse("10.250.7.1"), 24, Ct);
        var other = IPNetwork.Parse("10.251.0.0/16");
        await client.AddRouteAsync(other, IPAddress.Parse("10.250.7.254"), null, Ct);
        await client.AddDefaultRouteAsync(IPAddress.Parse("10.250.7.253"), "br0", Ct);

        var br0 = (await client.GetIndexAsync("br0", Ct))!.Value;
        var address = Assert.Single(await client.ListAddressesAsync(AddressFamily.InterNetwork, Ct), a => a.LinkIndex == br0);
        Assert.Equal((IPAddress.Parse("10.250.7.1"), 24, IPAddress.Parse("10.250.7.255")), (address.Address, address.PrefixLength, address.Broadcast));
        var routes = await client.ListRoutesAsync(AddressFamily.InterNetwork, Ct);
        Assert.Equal(IPAddress.Parse("10.250.7.254"), Assert.Single(routes, r => r.Destination == other).Gateway);
        Assert.Equal(br0, Assert.Single(routes, r => r.Destination.PrefixLength == 0).OutputLinkIndex);
        Assert.Equal(2, (await HostCommand.IpJsonAsync("-n", ns, "route", "show", "via", "10.250.7.0/24")).GetArrayLength());

        await client.DeleteRouteAsync(other, IPAddress.Parse("10.250.7.254"), null, Ct);
        await client.DeleteAddressAsync("br0", IPAddress.Parse("10.250.7.1"), 24, Ct);

        Assert.Empty(Ipv4(await HostCommand.IpJsonAsync("-n", ns, "addr", "show", "dev", "br0")));
        Assert.Equal(0, (await HostCommand.IpJsonAsync("-n", ns, "route", "show", "10.251.0.0/16")).GetArrayLength());
        Assert.True(await HostCommand.LinkExistsAsync(ns, "br0"), "br0 was created inside the namespace");
        var missingRoute = await Assert.ThrowsAsync<LinuxException>(
            () => client.DeleteRouteAsync(other, IPAddress.Parse("10.250.7.254"), null, Ct));
        Assert.StartsWith("RTM_DELROUTE 10.251.0.0/16 via 10.250.7.254", missingRoute.Message, StringComparison.Ordinal);
        Assert.Equal(ErrnoNames.ESRCH, missingRoute.Errno);
    }

    private static List<string> Flags(JsonElement link) =>
        link.GetProperty("flags").EnumerateArray().Select(f => f.GetString()!).ToList();

    private static async Task<List<string>> Ipv6Async(string link) =>
        (await HostCommand.IpJsonAsync("-6", "addr", "show", "dev", link)).EnumerateArray()
            .SelectMany(l => l.GetProperty("addr_info").EnumerateArray())
            .Select(a => a.GetProperty("local").GetString()!)
            .ToList();

    private static List<string> Ipv4(JsonElement addrShow) =>
        addrShow.EnumerateArray()
            .SelectMany(l => l.GetProperty("addr_info").EnumerateArray())
            .Where(a => a.GetProperty("family").GetString() == "inet")
            .Select(a => $"{a.GetProperty("local").GetString()}/{a.GetProperty("prefixlen").GetInt32()}"
                + (a.TryGetProperty("broadcast", out var brd) ? $" brd {brd.GetString()}" : ""))
            .ToList();
}
