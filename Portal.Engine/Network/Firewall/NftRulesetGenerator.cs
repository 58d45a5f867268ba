using System.Globalization;
using System.Text;

namespace Portal.Engine.Network.Firewall;

/// <summary>
/// Turns a <see cref="FirewallState"/> into the text of one <c>nft -f -</c> transaction that replaces
/// Portal's whole <c>inet portal</c> table: declare it (so the delete cannot fail on a fresh host),
/// delete it, declare it again with every chain and rule. The kernel commits the batch atomically, so
/// no stale rule survives a change and no packet ever sees a half-built table. Nothing outside the
/// table is touched. Every rule carries a comment naming its network or container.
/// </summary>
public static class NftRulesetGenerator
{
    public const string Family = "inet";
    public const string Table = "portal";

    /// <summary>
    /// The packet mark for published-port traffic that must be masqueraded: from localhost (a 127/8 source
    /// cannot leave through a bridge) and hairpin (a container reaching a published port of its own
    /// subnet would get replies straight over the bridge, bypassing the reverse NAT). netavark's value.
    /// </summary>
    public const uint MasqueradeMark = 0x2000;

    private const int MaxCommentBytes = 128;

    /// <summary>A transaction that removes the table and whatever it holds, and succeeds when it is absent.</summary>
    public static string Removal() => $"table {Family} {Table}\ndelete table {Family} {Table}\n";

    public static string Generate(FirewallState state)
    {
        if (state.IsEmpty)
        {
            return Removal();
        }

        var text = new StringBuilder(Removal());
        text.Append(CultureInfo.InvariantCulture, $"table {Family} {Table} {{\n");
        Chain(text, "prerouting", "type nat hook prerouting priority dstnat; policy accept;",
            [Rule("fib daddr type local jump hostports", "portal: published ports")]);
        // nft 1.0.6 accepts the name dstnat only in prerouting; -100 is its value.
        Chain(text, "output", "type nat hook output priority -100; policy accept;",
            [Rule("fib daddr type local jump hostports", "portal: published ports")]);
        Chain(text, "hostports", null, HostPortRules(state));
        Chain(text, "postrouting", "type nat hook postrouting priority srcnat; policy accept;", PostroutingRules(state));
        Chain(text, "forward", "type filter hook forward priority filter; policy accept;", ForwardRules(state));
        text.Length--;
        text.Append("}\n");
        return text.ToString();
    }

    private static IEnumerable<string> HostPortRules(FirewallState state)
    {
        foreach (var port in state.Ports)
        {
            var network = state.NetworkOf(port);
            var comment = $"portal container {port.ContainerId} network {network.Name}";
            var daddr = port.AnyHostAddress ? "" : $"ip daddr {port.HostAddress} ";
            var match = $"{daddr}{port.Protocol.Name()} dport {port.HostPort}";
            yield return Rule($"ip saddr {{ {network.Subnet}, 127.0.0.0/8 }} {match} meta mark set meta mark | {Hex(MasqueradeMark)}", comment);
            yield return Rule($"{match} dnat ip to {port.ContainerAddress}:{port.ContainerPort}", comment);
        }
    }

    private static IEnumerable<string> PostroutingRules(FirewallState state)
    {
        yield return Rule(
            $"meta mark & {Hex(MasqueradeMark)} == {Hex(MasqueradeMark)} meta mark set meta mark & {Hex(~MasqueradeMark)} masquerade",
            "portal: hairpin and localhost published ports");
        foreach (var network in state.Networks.Where(n => !n.Internal))
        {
            yield return Rule($"ip saddr {network.Subnet} ip daddr != {network.Subnet} masquerade", NetworkComment(network));
        }
    }

    private static IEnumerable<string> ForwardRules(FirewallState state)
    {
        // Order matters: internal networks are sealed first, so even published-port traffic cannot cross
        // them; then published ports (ct status dnat) pass; then traffic between two Portal networks is
        // dropped; then each network's own outbound and return traffic.
        foreach (var network in state.Networks.Where(n => n.Internal))
        {
            var br = Quoted(network.Bridge);
            yield return Rule($"iifname {br} oifname != {br} drop", NetworkComment(network));
            yield return Rule($"oifname {br} iifname != {br} drop", NetworkComment(network));
        }

        var open = state.Networks.Where(n => !n.Internal).ToList();
        foreach (var network in open)
        {
            var br = Quoted(network.Bridge);
            yield return Rule($"oifname {br} ct status dnat accept", NetworkComment(network));
            yield return Rule($"iifname {br} ct status dnat accept", NetworkComment(network));
        }

        foreach (var network in open)
        {
            var others = open.Where(n => n != network).Select(n => Quoted(n.Bridge)).ToList();
            if (others.Count > 0)
            {
                var set = others.Count == 1 ? others[0] : $"{{ {string.Join(", ", others)} }}";
                yield return Rule($"iifname {Quoted(network.Bridge)} oifname {set} drop", $"portal network {network.Name}: isolation");
            }
        }

        foreach (var network in open)
        {
            var br = Quoted(network.Bridge);
            yield return Rule($"oifname {br} ip daddr {network.Subnet} ct state established,related accept", NetworkComment(network));
            yield return Rule($"iifname {br} ip saddr {network.Subnet} accept", NetworkComment(network));
            yield return Rule($"oifname {br} iifname != {br} drop", NetworkComment(network));
        }
    }

    private static void Chain(StringBuilder text, string name, string? hook, IEnumerable<string> rules)
    {
        text.Append(CultureInfo.InvariantCulture, $"\tchain {name} {{\n");
        if (hook is not null)
        {
            text.Append(CultureInfo.InvariantCulture, $"\t\t{hook}\n");
        }

        foreach (var rule in rules)
        {
            text.Append(CultureInfo.InvariantCulture, $"\t\t{rule}\n");
        }

        text.Append("\t}\n\n");
    }

    private static string NetworkComment(FirewallNetwork network) => $"portal network {network.Name}";

    private static string Rule(string statement, string comment)
    {
        // Names are checked to [a-zA-Z0-9_.-], so the comment is ASCII and needs no escaping.
        if (comment.Length > MaxCommentBytes)
        {
            comment = comment[..MaxCommentBytes];
        }

        return $"{statement} comment \"{comment}\"";
    }

    private static string Quoted(string name) => $"\"{name}\"";

    private static string Hex(uint value) => $"0x{value:x8}";
}
