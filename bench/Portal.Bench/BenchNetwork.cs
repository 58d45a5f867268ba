using Microsoft.Extensions.Logging.Abstractions;
using Portal.Engine.Network;
using Portal.Engine.Network.Firewall;
using Portal.Engine.Network.Netlink;
using Portal.Engine.Network.Networks;

namespace Portal.Bench;

/// <summary>
/// The container network wired as EngineServiceExtensions wires it (network store, netlink, nft firewall), with its
/// own bridge interface. Disposing removes what the run left on the host: Portal's nft table and the bridge.
/// </summary>
internal sealed class BenchNetwork : IAsyncDisposable
{
    private readonly NetlinkClient _netlink;
    private readonly BridgeFirewall _firewall;
    private readonly ContainerNetwork _network;
    private readonly Nftables _nftables;
    private readonly string _bridge;

    private BenchNetwork(NetlinkClient netlink, BridgeFirewall firewall, ContainerNetwork network, Nftables nftables, string bridge)
    {
        _netlink = netlink;
        _firewall = firewall;
        _network = network;
        _nftables = nftables;
        _bridge = bridge;
        Timed = new TimedNetwork(network);
    }

    public TimedNetwork Timed { get; }

    public static BenchNetwork Create(string engineRoot, string bridge)
    {
        var store = new NetworkStore(engineRoot, new NetworkOptions { DefaultBridgeInterface = bridge });
        var netlink = NetlinkClient.Open();
        var nftables = new Nftables();
        var firewall = new BridgeFirewall(nftables, new FirewallSysctls(), new HostPortProbe(), NullLogger<BridgeFirewall>.Instance);
        var network = new ContainerNetwork(store, netlink, firewall, NullLogger<ContainerNetwork>.Instance);
        return new BenchNetwork(netlink, firewall, network, nftables, bridge);
    }

    /// <summary>Portal keeps one `inet portal` table and replaces it whole: a table already there belongs to a running Portal.</summary>
    public static async Task<bool> PortalTableExistsAsync(CancellationToken cancellationToken)
    {
        var result = await ProcessRunner.RunAsync("nft", ["list", "table", "inet", NftRulesetGenerator.Table], cancellationToken).ConfigureAwait(false);
        return result.ExitCode == 0;
    }

    public async ValueTask DisposeAsync()
    {
        await _nftables.RemoveTableAsync(CancellationToken.None).ConfigureAwait(false);
        await _netlink.DeleteLinkIfExistsAsync(_bridge, CancellationToken.None).ConfigureAwait(false);
        _network.Dispose();
        _firewall.Dispose();
        _netlink.Dispose();
    }
}
