using System.Reflection;
using Microsoft.Extensions.Logging.Abstractions;
using Portal.Engine.Containers;
using Portal.Engine.Network;
using Portal.Engine.Network.Firewall;
using Portal.Engine.Network.Netlink;
using Portal.Engine.Network.Networks;
using Portal.Engine.Tests.Network.Firewall;
using Portal.Engine.Tests.TestSupport;

namespace Portal.Engine.Tests.Network;

public sealed class ContainerNetworkSweepTests : IDisposable
{
    private static readonly string Gone = new('a', 64);
    private static readonly string Kept = new('b', 64);
    private readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    [Fact]
    public async Task RestoreRemovesTheEndpointsOfLeasedContainersThatDoNotRunAndOnlyThose()
    {
        var store = new NetworkStore(temp.Path, hostRoutes: new Networks.FakeHostRoutes("192.0.2.0/24"));
        store.Allocate(store.Default.Name, Gone);
        store.Allocate(store.Default.Name, Kept);
        var netlink = DispatchProxy.Create<INetlinkClient, RecordingNetlink>();
        ((RecordingNetlink)(object)netlink).Links.AddRange(["pv" + Gone[..11], "pv" + Kept[..11], "pv" + Gone[..10] + "-1", "pvffffffffff"]);
        using var firewall = new BridgeFirewall(new Nftables("/bin/false"), new FirewallSysctls(temp.Combine("sys")), new FreePorts(), NullLogger<BridgeFirewall>.Instance);
        using var network = new ContainerNetwork(store, netlink, firewall, NullLogger<ContainerNetwork>.Instance);

        // Restored with nothing running: the firewall is left alone, so only the sweep talks to the kernel.
        await network.RestoreAsync([], TestContext.Current.CancellationToken);

        Assert.Equal(["pv" + Gone[..10] + "-1", "pv" + Gone[..11], "pv" + Kept[..11]], ((RecordingNetlink)(object)netlink).Deleted.Order(StringComparer.Ordinal));
        Assert.Empty(store.Leases());
        Assert.Empty(new NetworkStore(temp.Path, hostRoutes: new Networks.FakeHostRoutes("192.0.2.0/24")).Leases());
    }

    [Fact]
    public async Task ARunningContainerKeepsItsEndpointAndLease()
    {
        var store = new NetworkStore(temp.Path, hostRoutes: new Networks.FakeHostRoutes("192.0.2.0/24"));
        store.Allocate(store.Default.Name, Gone);
        var lease = store.Allocate(store.Default.Name, Kept);
        var netlink = DispatchProxy.Create<INetlinkClient, RecordingNetlink>();
        ((RecordingNetlink)(object)netlink).Links.AddRange(["pv" + Gone[..11], "pv" + Kept[..11]]);
        using var firewall = new BridgeFirewall(new Nftables("/bin/false"), new FirewallSysctls(temp.Combine("sys")), new FreePorts(), NullLogger<BridgeFirewall>.Instance);
        using var network = new ContainerNetwork(store, netlink, firewall, NullLogger<ContainerNetwork>.Instance);
        var settings = new ContainerNetworkSettings
        {
            NetworkName = "bridge",
            NetworkId = store.Default.Id,
            IPAddress = lease.Address.ToString(),
            PrefixLength = 16,
            Gateway = "",
            SandboxKey = "",
        };

        // After the sweep the running container's bridge is ensured, which this fake refuses: the sweep came first.
        await Assert.ThrowsAsync<NotSupportedException>(() =>
            network.RestoreAsync([new RunningEndpoint(Kept, settings, [])], TestContext.Current.CancellationToken));

        Assert.Equal(["pv" + Gone[..11]], ((RecordingNetlink)(object)netlink).Deleted);
        Assert.Equal([Kept], store.Leases().Select(l => l.ContainerId));
    }

    [Fact]
    public async Task A_running_container_keeps_its_endpoints_on_several_networks_and_loses_the_ones_none_of_them_owns()
    {
        var store = new NetworkStore(temp.Path, hostRoutes: new Networks.FakeHostRoutes("192.0.2.0/24"));
        var n1 = store.Create(new NetworkCreateRequest { Name = "n1" });
        var n2 = store.Create(new NetworkCreateRequest { Name = "n2" });
        var first = store.Allocate(store.Default.Name, Kept);
        var second = store.Allocate(n1.Name, Kept);
        store.Allocate(n2.Name, Kept);
        var netlink = DispatchProxy.Create<INetlinkClient, RecordingNetlink>();
        var links = ((RecordingNetlink)(object)netlink).Links;
        links.AddRange(["pv" + Kept[..11], "pv" + Kept[..10] + "-1", "pv" + Kept[..10] + "-2", "pv" + Gone[..11], "eth0"]);
        using var firewall = new BridgeFirewall(new Nftables("/bin/false"), new FirewallSysctls(temp.Combine("sys")), new FreePorts(), NullLogger<BridgeFirewall>.Instance);
        using var network = new ContainerNetwork(store, netlink, firewall, NullLogger<ContainerNetwork>.Instance);
        var eth0 = new ContainerNetworkSettings
        {
            NetworkName = "bridge",
            NetworkId = store.Default.Id,
            IPAddress = first.Address.ToString(),
            PrefixLength = 16,
            Gateway = "",
            SandboxKey = "",
        };
        var eth1 = eth0 with { NetworkName = n1.Name, NetworkId = n1.Id, IPAddress = second.Address.ToString(), Interface = "eth1" };

        await Assert.ThrowsAsync<NotSupportedException>(() =>
            network.RestoreAsync([new RunningEndpoint(Kept, eth0, []) { Others = [eth1] }], TestContext.Current.CancellationToken));

        Assert.Equal(["pv" + Kept[..10] + "-2"], ((RecordingNetlink)(object)netlink).Deleted);
        Assert.Equal(new[] { store.Default.Id, n1.Id }.Order(StringComparer.Ordinal), store.LeasesOf(Kept).Select(l => l.NetworkId).Order(StringComparer.Ordinal));
        Assert.Empty(store.Leases(n2.Name));
    }

    [Fact]
    public void Host_veth_names_fit_IFNAMSIZ_and_never_collide_between_interfaces()
    {
        var names = Enumerable.Range(0, ContainerNetwork.MaxEndpoints).Select(i => ContainerNetwork.HostVethName(Kept, i)).ToList();

        Assert.Equal("pv" + Kept[..11], names[0]);
        Assert.Equal("pv" + Kept[..10] + "-1", names[1]);
        Assert.All(names, n => Assert.InRange(n.Length, 1, 15));
        Assert.Equal(names.Count, names.Distinct(StringComparer.Ordinal).Count());
        Assert.DoesNotContain(ContainerNetwork.HostVethName(Gone, 0), names);
    }

    /// <summary>Answers only the link listing and deletion the sweep may ask for; anything else fails the test.</summary>
    public class RecordingNetlink : DispatchProxy
    {
        public List<string> Deleted { get; } = [];

        /// <summary>The link names ListLinksAsync reports.</summary>
        public List<string> Links { get; } = [];

        protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
        {
            if (targetMethod?.Name == nameof(INetlinkClient.DeleteLinkIfExistsAsync))
            {
                Deleted.Add((string)args![0]!);
                return Task.FromResult(true);
            }

            if (targetMethod?.Name == nameof(INetlinkClient.ListLinksAsync))
            {
                IReadOnlyList<LinkInfo> links = [.. Links.Select((name, i) => new LinkInfo(i + 1, name, "veth", 1500, null, null, null, true, true, null))];
                return Task.FromResult(links);
            }

            throw new NotSupportedException($"unexpected netlink call {targetMethod?.Name}");
        }
    }
}
