using Portal.Engine.Network.Firewall;
using static Portal.Engine.Tests.Network.Firewall.FirewallSamples;

namespace Portal.Engine.Tests.Network.Firewall;

public sealed class NftRulesetGeneratorTests
{
    [Fact]
    public void One_network_without_ports_masquerades_its_subnet_and_guards_its_bridge()
    {
        var state = FirewallState.Empty.WithNetwork(Front);

        Assert.Equal(Head + "    chain hostports {\n    }\n\n" + PostroutingHead + FrontMasquerade + "    }\n\n" + ForwardHead + FrontForward + Tail, Generate(state));
    }

    [Fact]
    public void Two_networks_drop_traffic_between_their_bridges_after_letting_published_ports_through()
    {
        // Added in reverse order: the text is ordered by network name, not by history.
        var state = FirewallState.Empty.WithNetwork(Front).WithNetwork(Back);

        Assert.Equal(Head + """
                chain hostports {
                }

                chain postrouting {
                    type nat hook postrouting priority srcnat; policy accept;

            """ + MarkMasquerade + """
                    ip saddr 10.99.2.0/24 ip daddr != 10.99.2.0/24 masquerade comment "portal network back"
                    ip saddr 10.99.1.0/24 ip daddr != 10.99.1.0/24 masquerade comment "portal network front"
                }

                chain forward {
                    type filter hook forward priority filter; policy accept;
                    oifname "ptbr2" ct status dnat accept comment "portal network back"
                    iifname "ptbr2" ct status dnat accept comment "portal network back"
                    oifname "ptbr1" ct status dnat accept comment "portal network front"
                    iifname "ptbr1" ct status dnat accept comment "portal network front"
                    iifname "ptbr2" oifname "ptbr1" drop comment "portal network back: isolation"
                    iifname "ptbr1" oifname "ptbr2" drop comment "portal network front: isolation"
                    oifname "ptbr2" ip daddr 10.99.2.0/24 ct state established,related accept comment "portal network back"
                    iifname "ptbr2" ip saddr 10.99.2.0/24 accept comment "portal network back"
                    oifname "ptbr2" iifname != "ptbr2" drop comment "portal network back"
                    oifname "ptbr1" ip daddr 10.99.1.0/24 ct state established,related accept comment "portal network front"
                    iifname "ptbr1" ip saddr 10.99.1.0/24 accept comment "portal network front"
                    oifname "ptbr1" iifname != "ptbr1" drop comment "portal network front"
                }
            }

            """, Generate(state));
    }

    [Fact]
    public void Three_networks_isolate_each_bridge_from_a_set_of_the_others()
    {
        var third = new FirewallNetwork("extra", "ptbr4", "10.99.4.0/24");
        var text = Generate(FirewallState.Empty.WithNetwork(Front).WithNetwork(Back).WithNetwork(third));

        Assert.Contains("iifname \"ptbr2\" oifname { \"ptbr4\", \"ptbr1\" } drop comment \"portal network back: isolation\"\n", text, StringComparison.Ordinal);
        Assert.Contains("iifname \"ptbr4\" oifname { \"ptbr2\", \"ptbr1\" } drop comment \"portal network extra: isolation\"\n", text, StringComparison.Ordinal);
        Assert.Contains("iifname \"ptbr1\" oifname { \"ptbr2\", \"ptbr4\" } drop comment \"portal network front: isolation\"\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Tcp_and_udp_ports_on_any_and_on_loopback_dnat_and_mark_localhost_and_hairpin_traffic()
    {
        var state = FirewallState.Empty.WithNetwork(Front)
            .WithPorts(Mail, [Udp("0.0.0.0", 5353)])
            .WithPorts(Web, [Tcp("127.0.0.1", 18080), Tcp("0.0.0.0", 8443, containerPort: 443)]);

        Assert.Equal(Head + """
                chain hostports {
                    ip saddr { 10.99.1.0/24, 127.0.0.0/8 } udp dport 5353 meta mark set meta mark | 0x00002000 comment "portal container bbbbbbbbbbbb network front"
                    udp dport 5353 dnat ip to 10.99.1.3:53 comment "portal container bbbbbbbbbbbb network front"
                    ip saddr { 10.99.1.0/24, 127.0.0.0/8 } tcp dport 8443 meta mark set meta mark | 0x00002000 comment "portal container aaaaaaaaaaaa network front"
                    tcp dport 8443 dnat ip to 10.99.1.2:443 comment "portal container aaaaaaaaaaaa network front"
                    ip saddr { 10.99.1.0/24, 127.0.0.0/8 } ip daddr 127.0.0.1 tcp dport 18080 meta mark set meta mark | 0x00002000 comment "portal container aaaaaaaaaaaa network front"
                    ip daddr 127.0.0.1 tcp dport 18080 dnat ip to 10.99.1.2:8080 comment "portal container aaaaaaaaaaaa network front"
                }

            """ + "\n" + PostroutingHead + FrontMasquerade + "    }\n\n" + ForwardHead + FrontForward + Tail, Generate(state));
    }

    [Fact]
    public void Internal_network_gets_no_masquerade_and_is_sealed_before_any_accept()
    {
        var state = FirewallState.Empty.WithNetwork(Vault).WithNetwork(Front);

        Assert.Equal(Head + "    chain hostports {\n    }\n\n" + PostroutingHead + FrontMasquerade + "    }\n\n" + ForwardHead + """
                    iifname "ptbr3" oifname != "ptbr3" drop comment "portal network vault"
                    oifname "ptbr3" iifname != "ptbr3" drop comment "portal network vault"

            """ + FrontForward + Tail, Generate(state));
    }

    [Fact]
    public void Empty_state_is_a_transaction_that_only_removes_the_table()
    {
        Assert.Equal("table inet portal\ndelete table inet portal\n", NftRulesetGenerator.Generate(FirewallState.Empty));
        Assert.Equal(NftRulesetGenerator.Removal(), NftRulesetGenerator.Generate(FirewallState.Empty.WithNetwork(Front).WithoutNetwork("front")));
    }

    [Fact]
    public void Equal_states_built_in_different_orders_give_the_same_text()
    {
        var one = FirewallState.Create([Front, Back], [Tcp("0.0.0.0", 80), Udp("127.0.0.1", 53)]);
        var two = FirewallState.Create([Back, Front], [Udp("127.0.0.1", 53), Tcp("0.0.0.0", 80)]);

        Assert.Equal(NftRulesetGenerator.Generate(one), NftRulesetGenerator.Generate(two));
    }

    [Fact]
    public void Every_rule_carries_a_comment_of_at_most_128_bytes()
    {
        var longName = "n" + new string('x', 120);
        var network = new FirewallNetwork(longName, "ptbr9", "10.99.9.0/24");
        var id = new string('c', 64);
        var text = NftRulesetGenerator.Generate(FirewallState.Empty.WithNetwork(network).WithPorts(id, [Tcp("0.0.0.0", 80, "10.99.9.2", id: id)]));

        var rules = text.Split('\n').Select(l => l.Trim())
            .Where(l => l.Length > 0 && !l.StartsWith("table", StringComparison.Ordinal) && !l.StartsWith("delete", StringComparison.Ordinal)
                && !l.StartsWith("chain", StringComparison.Ordinal) && !l.StartsWith("type", StringComparison.Ordinal) && l != "}")
            .ToList();
        Assert.Equal(11, rules.Count);
        Assert.All(rules, r =>
        {
            var comment = r[(r.IndexOf(" comment \"", StringComparison.Ordinal) + 10)..^1];
            Assert.InRange(comment.Length, 1, 128);
        });
        Assert.Contains($"comment \"portal container {id} network nxxx", text, StringComparison.Ordinal);
    }
}
