using System.Globalization;
using System.Text.RegularExpressions;

namespace Portal.Server.Catalogues.Manifests;

/// <summary>The textual value formats of the manifest: ids, versions, sizes, durations, capability names.</summary>
public static partial class ManifestValues
{
    /// <summary>Reverse-DNS: at least two dot-separated labels of lower-case letters, digits and inner hyphens.</summary>
    public static bool IsReverseDns(string id) => id.Length <= 200 && ReverseDns().IsMatch(id);

    /// <summary>Semantic Versioning 2.0.0 (semver.org's own pattern), no leading "v".</summary>
    public static bool IsSemver(string version) => Semver().IsMatch(version);

    /// <summary>The version without build metadata and a leading "v" (so image labels like "v1.2.3" compare).</summary>
    public static string ComparableVersion(string version)
    {
        var v = version.Trim();
        v = v.StartsWith('v') || v.StartsWith('V') ? v[1..] : v;
        var plus = v.IndexOf('+', StringComparison.Ordinal);
        return plus >= 0 ? v[..plus] : v;
    }

    /// <summary>
    /// Bytes from "256Mi", "256m", "1.5GiB", "512k", "1024": every unit is binary (Compose reads "m" as MiB too).
    /// </summary>
    public static long? ParseByteSize(string text)
    {
        var m = ByteSize().Match(text.Trim());
        if (!m.Success || !double.TryParse(m.Groups[1].Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
        {
            return null;
        }

        var shift = char.ToLowerInvariant(m.Groups[2].Value.FirstOrDefault('b')) switch
        {
            'k' => 10,
            'm' => 20,
            'g' => 30,
            't' => 40,
            _ => 0,
        };
        var bytes = number * Math.Pow(2, shift);
        return bytes is >= 1 and < long.MaxValue ? (long)bytes : null;
    }

    /// <summary>Compose durations: "1m30s", "10s", "500ms", "1h", "2us" (a bare number is not a duration).</summary>
    public static TimeSpan? ParseDuration(string text)
    {
        var t = text.Trim();
        if (t.Length == 0 || !Duration().IsMatch(t))
        {
            return null;
        }

        var total = 0.0;
        foreach (Match part in DurationPart().Matches(t))
        {
            var value = double.Parse(part.Groups[1].Value, CultureInfo.InvariantCulture);
            total += part.Groups[2].Value switch
            {
                "h" => value * 3_600_000,
                "m" => value * 60_000,
                "s" => value * 1000,
                "ms" => value,
                _ => value / 1000,
            };
        }
        return TimeSpan.FromMilliseconds(total);
    }

    /// <summary>"cap_net_raw", "CAP_NET_RAW" and "NET_RAW" all give "NET_RAW"; null for a name Linux does not have.</summary>
    public static string? NormalizeCapability(string name)
    {
        var key = Portal.Engine.ProcessSetup.Capabilities.Normalize(name);
        return key != Portal.Engine.ProcessSetup.Capabilities.All && Portal.Engine.ProcessSetup.Capabilities.IsKnown(key) ? key : null;
    }

    [GeneratedRegex("^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$")]
    private static partial Regex ReverseDns();

    [GeneratedRegex(@"^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$")]
    private static partial Regex Semver();

    [GeneratedRegex("^([0-9]+(?:\\.[0-9]+)?)\\s*([kKmMgGtT]?[iI]?[bB]?)$")]
    private static partial Regex ByteSize();

    [GeneratedRegex("^([0-9]+(\\.[0-9]+)?(h|ms|m|s|us))+$")]
    private static partial Regex Duration();

    [GeneratedRegex("([0-9]+(?:\\.[0-9]+)?)(h|ms|m|s|us)")]
    private static partial Regex DurationPart();
}
