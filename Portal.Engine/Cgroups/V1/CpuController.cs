using Microsoft.Extensions.Logging;
using Portal.Engine.Interop;

namespace Portal.Engine.Cgroups.V1;

internal static class CpuController
{
    public static void Apply(string dir, ResourceLimits limits, ILogger logger)
    {
        var quota = CpuQuota.From(limits);
        var periodFile = Path.Combine(dir, "cpu.cfs_period_us");
        var quotaFile = Path.Combine(dir, "cpu.cfs_quota_us");
        var period = CgroupFiles.Format(quota.PeriodMicros);
        var periodDeferred = false;
        try
        {
            CgroupFiles.WriteLimit(periodFile, period, quota.QuotaMicros is not null, logger);
        }
        catch (LinuxException ex) when (ex.Errno == ErrnoNames.EINVAL && quota.QuotaMicros is not null)
        {
            // A shorter period with the old quota can exceed the parent's bandwidth; the kernel takes it
            // once the new quota is in (runc does the same retry).
            periodDeferred = true;
        }

        CgroupFiles.WriteLimit(quotaFile, CgroupFiles.Format(quota.QuotaMicros ?? -1), quota.QuotaMicros is not null, logger);
        if (periodDeferred)
        {
            CgroupFiles.Write(periodFile, period, logger);
        }

        if (limits.CpuShares is > 0 and var shares)
        {
            CgroupFiles.Write(Path.Combine(dir, "cpu.shares"), CgroupFiles.Format(shares), logger);
        }
    }

    public static CgroupStats Read(string dir, CgroupStats stats)
    {
        var stat = CgroupFiles.ReadFlatKeyed(Path.Combine(dir, "cpu.stat"));
        return stats with
        {
            ThrottledPeriods = stat.GetValueOrDefault("nr_throttled"),
            ThrottledTimeNs = stat.GetValueOrDefault("throttled_time"),
        };
    }
}
