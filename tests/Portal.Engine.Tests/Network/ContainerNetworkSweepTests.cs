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
        using var firewall = new BridgeFirewall(new Nftables("/bin/false"), new FirewallSysctls(temp.Combine("sys")), new FreePorts(), NullLogger<BridgeFirewall>.Instance);
        using var network = new ContainerNetwork(store, netlink, firewall, NullLogger<ContainerNetwork>.Instance);

        // Restored with nothing running: the firewall is left alone, so only the sweep talks to the kernel.
        await network.RestoreAsync([], TestContext.Current.CancellationToken);

        Assert.Equal(["pv" + Gone[..11], "pv" + Kept[..11]], ((RecordingNetlink)(object)netlink).Deleted.Order(StringComparer.Ordinal));
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
        using var firewall = new BridgeFirewall(new Nftables("/bin/false"), new FirewallSysctls(temp.Combine("sys")), new FreePorts(), NullLogger<BridgeFirewall>.Instance);
        using var network = new ContainerNetwork(store, netlink, firewall, NullLogger<ContainerNetwork>.Instance);
        var settings = new ContainerNetworkSettings
        {
            NetworkName = "bridge", NetworkId = store.Default.Id, IPAddress = lease.Address.ToString(), PrefixLength = 16, Gateway = "", SandboxKey = "",
        };

        // After the sweep the running container's bridge is ensured, which this fake refuses: the sweep came first.
        await Assert.ThrowsAsync<NotSupportedException>(() =>
            network.RestoreAsync([new RunningEndpoint(Kept, settings, [])], TestContext.Current.CancellationToken));

        Assert.Equal(["pv" + Gone[..11]], ((RecordingNetlink)(object)netlink).Deleted);
        Assert.Equal([Kept], store.Leases().Select(l => l.ContainerId));
    }

    /// <summary>Answers only the link deletion the sweep may ask for; anything else fails the test.</summary>
    public class RecordingNetlink : DispatchProxy
    {
        public List<string> Deleted { get; } = [];

        protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
        {
            if (targetMethod?.Name == nameof(INetlinkClient.DeleteLinkIfExistsAsync))
            {
                Deleted.Add((string)args![0]!);
                return Task.FromResult(true);
            }

            throw new NotSupportedException($"unexpected netlink call {targetMethod?.Name}");
        }
    }
}
