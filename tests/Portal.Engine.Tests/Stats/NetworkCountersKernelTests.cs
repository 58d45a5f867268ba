using System.Diagnostics;
using System.Net;
using Portal.Engine.Network.Netlink;
using Portal.Engine.Stats;
using Portal.Engine.Tests.Network.Netlink;
using Portal.Engine.Tests.TestSupport;

namespace Portal.Engine.Tests.Stats;

/// <summary>
/// The collector reads a real network namespace through a process inside it, as it reads a container's through
/// its PID 1: the counters are the container's side of the veth, the host end's swapped.
/// </summary>
public sealed class NetworkCountersKernelTests
{
    private static readonly CancellationToken Ct = TestContext.Current.CancellationToken;

    [Fact]
    [Trait("Category", Root.Category)]
    public async Task Counters_of_eth0_are_the_host_veth_end_swapped_and_grow_with_traffic()
    {
        Root.Require();
        await using var test = new TestNetwork();
        var veth = test.Link("ve");
        var netns = await test.NamespaceAsync();
        var ns = TestNetwork.NamespaceName(netns);
        var net = Random.Shared.Next(2, 250);
        var hostAddress = IPAddress.Parse($"10.251.{net}.1");
        await test.Client.CreateVethAsync(veth, "eth0", netns, null, Ct);
        // IPv6 off on both ends before they go up: router solicitations and DAD would add packets while the two sides are read.
        await File.WriteAllTextAsync($"/proc/sys/net/ipv6/conf/{veth}/disable_ipv6", "1", Ct);
        var off = await HostCommand.RunAsync("ip", "netns", "exec", ns, "sysctl", "-qw", "net.ipv6.conf.eth0.disable_ipv6=1");
        Assert.True(off.ExitCode == 0, off.Stderr);
        await test.Client.AddAddressAsync(veth, hostAddress, 24, Ct);
        await test.Client.SetLinkStateAsync(veth, up: true, Ct);
        using (var inside = NetlinkClient.OpenIn(netns))
        {
            await inside.SetLinkStateAsync("lo", up: true, Ct);
            await inside.AddAddressAsync("eth0", IPAddress.Parse($"10.251.{net}.2"), 24, Ct);
            await inside.SetLinkStateAsync("eth0", up: true, Ct);
        }

        using var member = Process.Start(new ProcessStartInfo("ip", ["netns", "exec", ns, "sleep", "60"]))!;
        try
        {
            var collector = new StatsCollector();
            await WaitUntilInNamespaceAsync(member.Id);
            var before = collector.ReadNetworks(member.Id);
            Assert.Equal(["eth0"], before.Keys);

            var ping = await HostCommand.RunAsync("ip", "netns", "exec", ns, "busybox", "ping", "-c3", "-i0.2", "-W2", hostAddress.ToString());
            Assert.True(ping.ExitCode == 0, $"ping from {ns} to {hostAddress}: {ping.Stdout}{ping.Stderr}");

            var after = collector.ReadNetworks(member.Id)["eth0"];
            var host = await test.Client.GetStatisticsAsync(veth, Ct);
            Assert.NotNull(host);
            Assert.True(after.TxPackets >= before["eth0"].TxPackets + 3 && after.RxPackets >= before["eth0"].RxPackets + 3, $"{before["eth0"]} -> {after}");
            // 3 echo requests and replies of 84 bytes at the IP layer, 98 on the wire.
            Assert.True(after.TxBytes >= before["eth0"].TxBytes + 3 * 98 && after.RxBytes >= before["eth0"].RxBytes + 3 * 98, $"{before["eth0"]} -> {after}");
            Assert.Equal(
                new NetworkCounters(host.TxBytes, host.TxPackets, host.TxErrors, host.TxDropped, host.RxBytes, host.RxPackets, host.RxErrors, host.RxDropped),
                after);
        }
        finally
        {
            member.Kill(entireProcessTree: true);
            await member.WaitForExitAsync(CancellationToken.None);
        }
    }

    [Fact]
    [Trait("Category", Root.Category)]
    public async Task A_namespace_with_only_loopback_reports_no_networks_even_after_loopback_traffic()
    {
        Root.Require();
        await using var test = new TestNetwork();
        var netns = await test.NamespaceAsync();
        var ns = TestNetwork.NamespaceName(netns);
        using (var inside = NetlinkClient.OpenIn(netns))
        {
            await inside.SetLinkStateAsync("lo", up: true, Ct);
        }

        using var member = Process.Start(new ProcessStartInfo("ip", ["netns", "exec", ns, "sleep", "60"]))!;
        try
        {
            await WaitUntilInNamespaceAsync(member.Id);
            var ping = await HostCommand.RunAsync("ip", "netns", "exec", ns, "busybox", "ping", "-c1", "-W2", "127.0.0.1");
            Assert.True(ping.ExitCode == 0, $"ping of loopback in {ns}: {ping.Stdout}{ping.Stderr}");
            var dev = await File.ReadAllTextAsync($"/proc/{member.Id}/net/dev", Ct);
            Assert.Contains("lo:", dev, StringComparison.Ordinal);

            Assert.Empty(new StatsCollector().ReadNetworks(member.Id));
        }
        finally
        {
            member.Kill(entireProcessTree: true);
            await member.WaitForExitAsync(CancellationToken.None);
        }
    }

    /// <summary>`ip netns exec` setns()es before it execs sleep: until then /proc/pid/net is the host's.</summary>
    private static async Task WaitUntilInNamespaceAsync(int pid)
    {
        for (var i = 0; i < 200; i++)
        {
            if (File.Exists($"/proc/{pid}/comm") && (await File.ReadAllTextAsync($"/proc/{pid}/comm", Ct)).Trim() == "sleep")
            {
                return;
            }

            await Task.Delay(10, Ct);
        }

        Assert.Fail($"process {pid} did not exec sleep inside its namespace");
    }
}
