using System.Net;
using Portal.Engine.Network.Firewall;

namespace Portal.Engine.Tests.Network.Firewall;

/// <summary>The networks, ports and expected nft text the firewall tests share.</summary>
internal static class FirewallSamples
{
    public const string Web = "aaaaaaaaaaaa";
    public const string Mail = "bbbbbbbbbbbb";

    public static readonly FirewallNetwork Front = new("front", "ptbr1", "10.99.1.0/24");
    public static readonly FirewallNetwork Back = new("back", "ptbr2", "10.99.2.0/24");
    public static readonly FirewallNetwork Vault = new("vault", "ptbr3", "10.99.3.0/24", isInternal: true);

    public static PublishedPort Tcp(string host, int hostPort, string container = "10.99.1.2", int containerPort = 8080, string id = Web) =>
        new(id, IPAddress.Parse(container), containerPort, PortProtocol.Tcp, IPAddress.Parse(host), hostPort);

    public static PublishedPort Udp(string host, int hostPort, string container = "10.99.1.3", int containerPort = 53, string id = Mail) =>
        new(id, IPAddress.Parse(container), containerPort, PortProtocol.Udp, IPAddress.Parse(host), hostPort);

    /// <summary>The fixed start of every non-empty table: replace, then the two DNAT entry chains.</summary>
    public const string Head = """
        table inet portal
        delete table inet portal
        table inet portal {
            chain prerouting {
                type nat hook prerouting priority dstnat; policy accept;
                fib daddr type local jump hostports comment "portal: published ports"
            }

            chain output {
                type nat hook output priority -100; policy accept;
                fib daddr type local jump hostports comment "portal: published ports"
            }


        """;

    public const string MarkMasquerade =
        "        meta mark & 0x00002000 == 0x00002000 meta mark set meta mark & 0xffffdfff masquerade comment \"portal: hairpin and localhost published ports\"\n";

    /// <summary>The start of the postrouting chain, with the mark-based masquerade every table has.</summary>
    public const string PostroutingHead = """
            chain postrouting {
                type nat hook postrouting priority srcnat; policy accept;

        """ + MarkMasquerade;

    public const string FrontMasquerade =
        "        ip saddr 10.99.1.0/24 ip daddr != 10.99.1.0/24 masquerade comment \"portal network front\"\n";

    /// <summary>The forward rules of <see cref="Front"/> when it is the only open network: no isolation rule.</summary>
    public const string FrontForward = """
                oifname "ptbr1" ct status dnat accept comment "portal network front"
                iifname "ptbr1" ct status dnat accept comment "portal network front"
                oifname "ptbr1" ip daddr 10.99.1.0/24 ct state established,related accept comment "portal network front"
                iifname "ptbr1" ip saddr 10.99.1.0/24 accept comment "portal network front"
                oifname "ptbr1" iifname != "ptbr1" drop comment "portal network front"

        """;

    public const string ForwardHead = """
            chain forward {
                type filter hook forward priority filter; policy accept;

        """;

    public const string Tail = "    }\n}\n";

    /// <summary>The generator writes tabs; the expected texts are written with four spaces.</summary>
    public static string Generate(FirewallState state) => NftRulesetGenerator.Generate(state).Replace("\t", "    ", StringComparison.Ordinal);
}
