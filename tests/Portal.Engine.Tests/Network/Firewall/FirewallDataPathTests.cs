using Portal.Engine.Network.Firewall;
using Portal.Engine.Tests.TestSupport;
using static Portal.Engine.Tests.Network.Firewall.FirewallSamples;

namespace Portal.Engine.Tests.Network.Firewall;

/// <summary>Packets through the generated rules: a lab host namespace with bridges and container namespaces.</summary>
public sealed class FirewallDataPathTests
{
    [Fact]
    [Trait("Category", Root.Category)]
    public async Task Loopback_and_hairpin_published_ports_reach_the_container_and_stop_when_unpublished()
    {
        Root.Require();
        var token = TestContext.Current.CancellationToken;
        using var lab = new BridgeLab();
        lab.AddBridge(Front);
        var web = lab.AddContainer(Front, "10.99.1.2");
        var peer = lab.AddContainer(Front, "10.99.1.3");
        lab.ServeHi(web, 8080);
        await lab.Firewall.AddNetworkAsync(Front, token);
        Assert.Equal("", BridgeLab.Connect(lab.Host, "127.0.0.1", 18080));

        await lab.Firewall.PublishAsync(Web, [Tcp("127.0.0.1", 18080), Tcp("0.0.0.0", 18081)], token);

        Assert.Equal("hi\n", BridgeLab.Connect(lab.Host, "127.0.0.1", 18080));
        Assert.Equal("hi\n", BridgeLab.Connect(lab.Host, "127.0.0.1", 18081));
        // Hairpin: a container of the same network, and the container itself, through the gateway address.
        Assert.Equal("hi\n", BridgeLab.Connect(peer, "10.99.1.1", 18081));
        Assert.Equal("hi\n", BridgeLab.Connect(web, "10.99.1.1", 18081));
        // Bound to 127.0.0.1 only: the gateway address does not answer on it.
        Assert.Equal("", BridgeLab.Connect(web, "10.99.1.1", 18080));

        await lab.Firewall.UnpublishAsync(Web, token);

        Assert.Equal("", BridgeLab.Connect(lab.Host, "127.0.0.1", 18080));
        var listing = await lab.Firewall.ListAsync(token);
        Assert.NotNull(listing);
        Assert.Empty(listing.ContainerIds);
    }

    [Fact]
    [Trait("Category", Root.Category)]
    public async Task Containers_of_two_networks_cannot_reach_each_other_except_through_published_ports()
    {
        Root.Require();
        var token = TestContext.Current.CancellationToken;
        using var lab = new BridgeLab();
        lab.AddBridge(Front);
        lab.AddBridge(Back);
        var web = lab.AddContainer(Front, "10.99.1.2");
        var other = lab.AddContainer(Back, "10.99.2.2");
        lab.ServeHi(web, 8080);
        // Without Portal's table the lab host routes between the bridges: the drop below is the firewall's.
        Assert.Equal("hi\n", BridgeLab.Connect(other, "10.99.1.2", 8080));

        await lab.Firewall.AddNetworkAsync(Front, token);
        await lab.Firewall.AddNetworkAsync(Back, token);

        Assert.Equal("", BridgeLab.Connect(other, "10.99.1.2", 8080));

        await lab.Firewall.PublishAsync(Web, [Tcp("0.0.0.0", 18080)], token);

        Assert.Equal("hi\n", BridgeLab.Connect(other, "10.99.2.1", 18080));
        Assert.Equal("", BridgeLab.Connect(other, "10.99.1.2", 8080));
    }

    [Fact]
    [Trait("Category", Root.Category)]
    public async Task An_internal_network_neither_leaves_its_bridge_nor_is_reached_from_another()
    {
        Root.Require();
        var token = TestContext.Current.CancellationToken;
        using var lab = new BridgeLab();
        var vault = new FirewallNetwork("vault", "ptbr3", "10.99.3.0/24", isInternal: true);
        lab.AddBridge(Front);
        lab.AddBridge(vault);
        var web = lab.AddContainer(Front, "10.99.1.2");
        var secret = lab.AddContainer(vault, "10.99.3.2");
        var neighbour = lab.AddContainer(vault, "10.99.3.3");
        lab.ServeHi(web, 8080);
        lab.ServeHi(secret, 8080);
        Assert.Equal("hi\n", BridgeLab.Connect(secret, "10.99.1.2", 8080));

        await lab.Firewall.AddNetworkAsync(Front, token);
        await lab.Firewall.AddNetworkAsync(vault, token);

        Assert.Equal("", BridgeLab.Connect(secret, "10.99.1.2", 8080));
        Assert.Equal("", BridgeLab.Connect(web, "10.99.3.2", 8080));
        Assert.Equal("hi\n", BridgeLab.Connect(neighbour, "10.99.3.2", 8080));
    }

    [Fact]
    [Trait("Category", Root.Category)]
    public async Task Restore_replaces_a_stale_table_and_remove_all_leaves_nothing()
    {
        Root.Require();
        var token = TestContext.Current.CancellationToken;
        using var lab = new BridgeLab();
        lab.AddBridge(Front);
        var web = lab.AddContainer(Front, "10.99.1.2");
        lab.ServeHi(web, 8080);
        await lab.Firewall.AddNetworkAsync(Front, token);
        await lab.Firewall.PublishAsync(Mail, [Tcp("127.0.0.1", 18090, id: Mail)], token);

        // A restarted server knows only the containers that still exist: Web's port, not Mail's.
        using var restarted = new BridgeFirewall(new Nftables(commandPrefix: lab.Host.Prefix), new FirewallSysctls(lab.SysctlRoot),
            new FreePorts(), Microsoft.Extensions.Logging.Abstractions.NullLogger<BridgeFirewall>.Instance);
        await restarted.RestoreAsync(FirewallState.Create([Front], [Tcp("127.0.0.1", 18080)]), token);

        Assert.Equal("hi\n", BridgeLab.Connect(lab.Host, "127.0.0.1", 18080));
        Assert.Equal("", BridgeLab.Connect(lab.Host, "127.0.0.1", 18090));
        Assert.Equal(new HashSet<string> { Web }, (await restarted.ListAsync(token))!.ContainerIds);

        await restarted.RemoveAllAsync(token);

        Assert.Null(await restarted.ListAsync(token));
        Assert.Equal("", lab.Host.Exec("nft", "list", "ruleset"));
        Assert.True(restarted.State.IsEmpty);
    }
}
