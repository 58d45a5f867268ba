using Microsoft.Extensions.Logging;

namespace Portal.Engine.Cgroups.V2;

internal static class CpuController
{
    public static void Apply(string dir, ResourceLimits limits, ILogger logger)
    {
        var quota = CpuQuota.From(limits);
        var quotaText = quota.QuotaMicros is { } q ? CgroupFiles.Format(q) : "max";
        CgroupFiles.WriteLimit(Path.Combine(dir, "cpu.max"), $"{quotaText} {CgroupFiles.Format(quota.PeriodMicros)}",
            quota.QuotaMicros is not null, logger);

        if (limits.CpuShares is > 0 and var shares)
        {
            CgroupFiles.Write(Path.Combine(dir, "cpu.weight"),
                CgroupFiles.Format((long)ConvertCpuSharesToWeight((ulong)shares)), logger);
        }
    }

    /// <summary>
    /// runc's ConvertCPUSharesToCgroupV2Value: a quadratic in log2(shares) through (2, 1), (1024, 100) and
    /// (262144, 10000), so Docker's default 1024 shares maps to v2's default weight 100.
    /// </summary>
    public static ulong ConvertCpuSharesToWeight(ulong shares)
    {
        if (shares == 0)
        {
            return 0;
        }

        if (shares <= 2)
        {
            return 1;
        }

        if (shares >= 262_144)
        {
            return 10_000;
        }

        var l = Math.Log2(shares);
        var exponent = ((l * l) + (125 * l)) / 612.0 - (7.0 / 34.0);
        return (ulong)Math.Ceiling(Math.Pow(10, exponent));
    }

    public static CgroupStats Read(string dir, CgroupStats stats)
    {
        var stat = CgroupFiles.ReadFlatKeyed(Path.Combine(dir, "cpu.stat"));
        return stats with
        {
            CpuUsageNs = stat.GetValueOrDefault("usage_usec") * 1000,
            CpuUserNs = stat.GetValueOrDefault("user_usec") * 1000,
            CpuSystemNs = stat.GetValueOrDefault("system_usec") * 1000,
            ThrottledPeriods = stat.GetValueOrDefault("nr_throttled"),
            ThrottledTimeNs = stat.GetValueOrDefault("throttled_usec") * 1000,
        };
    }
}
