using System.Text.Json;

namespace Portal.Engine.Network.Firewall;

/// <summary>What the kernel holds in Portal's table, read from <c>nft -j list table inet portal</c>.</summary>
public sealed class NftTableListing
{
    private const string ContainerPrefix = "portal container ";

    public NftTableListing(IReadOnlyList<NftChainEntry> chains, IReadOnlyList<NftRuleEntry> rules)
    {
        Chains = chains;
        Rules = rules;
    }

    public IReadOnlyList<NftChainEntry> Chains { get; }
    public IReadOnlyList<NftRuleEntry> Rules { get; }

    /// <summary>Containers that own at least one rule, from the rule comments (leftover detection).</summary>
    public IReadOnlySet<string> ContainerIds =>
        Rules.Select(r => r.Comment)
            .Where(c => c is not null && c.StartsWith(ContainerPrefix, StringComparison.Ordinal))
            .Select(c => c![ContainerPrefix.Length..].Split(' ')[0])
            .ToHashSet(StringComparer.Ordinal);

    public static NftTableListing Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        var chains = new List<NftChainEntry>();
        var rules = new List<NftRuleEntry>();
        foreach (var item in document.RootElement.GetProperty("nftables").EnumerateArray())
        {
            if (item.TryGetProperty("chain", out var chain))
            {
                chains.Add(new NftChainEntry(
                    chain.GetProperty("name").GetString()!,
                    OptionalString(chain, "hook"),
                    OptionalString(chain, "type"),
                    chain.TryGetProperty("prio", out var prio) && prio.ValueKind == JsonValueKind.Number ? prio.GetInt32() : null));
            }
            else if (item.TryGetProperty("rule", out var rule))
            {
                rules.Add(new NftRuleEntry(
                    rule.GetProperty("chain").GetString()!,
                    rule.GetProperty("handle").GetInt64(),
                    OptionalString(rule, "comment"),
                    rule.TryGetProperty("expr", out var expr) ? expr.GetRawText() : "[]"));
            }
        }

        return new NftTableListing(chains, rules);
    }

    private static string? OptionalString(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
