using System.Globalization;
using System.Net;

namespace Portal.Engine.Network.Ipam;

/// <summary>
/// Host routes from /proc/net/route (the main table) and the host's own addresses from /proc/net/fib_trie
/// (its "/32 host LOCAL" leaves): a local address without a matching route, e.g. a /32 on a VPN link, still counts.
/// </summary>
public sealed class ProcHostRoutes(string procRoot = "/proc") : IHostRoutes
{
    public IReadOnlyList<Ipv4Cidr> Read()
    {
        var result = new List<Ipv4Cidr>();
        var route = Path.Combine(procRoot, "net", "route");
        if (File.Exists(route))
        {
            result.AddRange(ParseRouteTable(File.ReadAllText(route)));
        }

        var trie = Path.Combine(procRoot, "net", "fib_trie");
        if (File.Exists(trie))
        {
            result.AddRange(ParseLocalAddresses(File.ReadAllText(trie)));
        }

        return [.. result.Distinct()];
    }

    /// <summary>Rows of /proc/net/route; Destination and Mask are the address bytes printed as a native-endian number.</summary>
    public static IEnumerable<Ipv4Cidr> ParseRouteTable(string text)
    {
        foreach (var line in text.Split('\n').Skip(1))
        {
            var fields = line.Split(['\t', ' '], StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length < 8
                || !uint.TryParse(fields[1], NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var destination)
                || !uint.TryParse(fields[7], NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var mask))
            {
                continue;
            }

            var prefix = System.Numerics.BitOperations.PopCount(mask);
            if (prefix == 0)
            {
                continue;
            }

            yield return Ipv4Cidr.Containing(new IPAddress(BitConverter.GetBytes(destination)), prefix);
        }
    }

    /// <summary>The addresses listed in /proc/net/fib_trie as "/32 host LOCAL", i.e. assigned to a host interface.</summary>
    public static IEnumerable<Ipv4Cidr> ParseLocalAddresses(string text)
    {
        IPAddress? leaf = null;
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Trim();
            if (line.StartsWith("|-- ", StringComparison.Ordinal))
            {
                leaf = Ipv4.TryParse(line[4..].Trim(), out var address) ? address : null;
            }
            else if (leaf is not null && line.StartsWith("/32 host LOCAL", StringComparison.Ordinal))
            {
                yield return Ipv4Cidr.Containing(leaf, 32);
            }
            else if (!line.StartsWith('/'))
            {
                leaf = null;
            }
        }
    }
}
