using Portal.Engine.Network.Firewall;
using Portal.Engine.Tests.TestSupport;
using static Portal.Engine.Tests.Network.Firewall.FirewallSamples;

namespace Portal.Engine.Tests.Network.Firewall;

/// <summary>nft for real, always inside a throwaway network namespace: the host's ruleset is never touched.</summary>
public sealed class NftablesNamespaceTests
{
    public static TheoryData<string> States => ["one network", "two networks", "tcp and udp ports", "internal network", "empty"];

    private static FirewallState State(string name) => name switch
    {
        "one network" => FirewallState.Empty.WithNetwork(Front),
        "two networks" => FirewallState.Empty.WithNetwork(Front).WithNetwork(Back),
        "tcp and udp ports" => FirewallState.Empty.WithNetwork(Front)
            .WithPorts(Web, [Tcp("127.0.0.1", 18080), Tcp("0.0.0.0", 8443, containerPort: 443)])
            .WithPorts(Mail, [Udp("0.0.0.0", 5353)]),
        "internal network" => FirewallState.Empty.WithNetwork(Front).WithNetwork(Vault),
        _ => FirewallState.Empty,
    };

    [Theory]
    [Trait("Category", Root.Category)]
    [MemberData(nameof(States))]
    public async Task Generated_ruleset_passes_nft_check(string name)
    {
        Root.Require();
        using var ns = NetNamespace.Create();
        var nft = new Nftables(commandPrefix: ns.Prefix);

        await nft.CheckAsync(NftRulesetGenerator.Generate(State(name)), TestContext.Current.CancellationToken);

        Assert.Null(await nft.ListAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    [Trait("Category", Root.Category)]
    public async Task A_refused_transaction_names_the_operation_carries_nfts_error_and_changes_nothing()
    {
        Root.Require();
        using var ns = NetNamespace.Create();
        var nft = new Nftables(commandPrefix: ns.Prefix);
        var token = TestContext.Current.CancellationToken;
        await nft.ApplyAsync(NftRulesetGenerator.Generate(State("one network")), "apply", token);
        var before = ns.Exec("nft", "list", "ruleset");

        var broken = NftRulesetGenerator.Removal() + "table inet portal {\n\tchain forward {\n\t\tbogus statement\n\t}\n}\n";
        var e = await Assert.ThrowsAsync<NftablesException>(() => nft.ApplyAsync(broken, "publish ports of container x", token));

        Assert.StartsWith("publish ports of container x: nft failed (exit code 1): ", e.Message, StringComparison.Ordinal);
        Assert.Contains("Error: No symbol type information", e.Message, StringComparison.Ordinal);
        Assert.Contains("bogus statement", e.Error, StringComparison.Ordinal);
        Assert.Equal(before, ns.Exec("nft", "list", "ruleset"));
    }

    [Fact]
    [Trait("Category", Root.Category)]
    public async Task Apply_list_replace_and_remove_leave_no_rule_behind()
    {
        Root.Require();
        using var ns = NetNamespace.Create();
        var nft = new Nftables(commandPrefix: ns.Prefix);
        var token = TestContext.Current.CancellationToken;

        await nft.ApplyAsync(NftRulesetGenerator.Generate(State("tcp and udp ports")), "apply", token);
        var first = await nft.ListAsync(token);
        Assert.NotNull(first);
        Assert.Equal(["prerouting", "output", "hostports", "postrouting", "forward"], first.Chains.Select(c => c.Name));
        Assert.Equal("output", first.Chains[1].Hook);
        Assert.Equal(-100, first.Chains[1].Priority);
        Assert.Null(first.Chains[2].Hook);
        Assert.Equal(15, first.Rules.Count);
        Assert.Equal(new HashSet<string> { Web, Mail }, first.ContainerIds);
        Assert.All(first.Rules, r => Assert.StartsWith("portal", r.Comment, StringComparison.Ordinal));

        await nft.ApplyAsync(NftRulesetGenerator.Generate(State("two networks").WithoutNetwork("front")), "replace", token);
        var second = await nft.ListAsync(token);
        Assert.NotNull(second);
        Assert.Empty(second.ContainerIds);
        Assert.Equal(9, second.Rules.Count);
        Assert.DoesNotContain(second.Rules, r => r.Comment!.Contains("front", StringComparison.Ordinal) || r.Expression.Contains("ptbr1", StringComparison.Ordinal));

        await nft.RemoveTableAsync(token);
        Assert.Null(await nft.ListAsync(token));
        Assert.Equal("", ns.Exec("nft", "list", "ruleset"));
        await nft.RemoveTableAsync(token);
    }

    [Fact]
    [Trait("Category", Root.Category)]
    public async Task Portal_leaves_other_tables_alone()
    {
        Root.Require();
        using var ns = NetNamespace.Create();
        var nft = new Nftables(commandPrefix: ns.Prefix);
        var token = TestContext.Current.CancellationToken;
        await nft.ApplyAsync("table inet other {\n\tchain input {\n\t\ttype filter hook input priority 0; policy accept;\n\t\ttcp dport 22 accept\n\t}\n}\n", "someone else's table", token);
        var other = ns.Exec("nft", "list", "table", "inet", "other");

        await nft.ApplyAsync(NftRulesetGenerator.Generate(State("two networks")), "apply", token);
        await nft.RemoveTableAsync(token);

        Assert.Equal(other, ns.Exec("nft", "list", "ruleset"));
    }
}
