using Microsoft.Extensions.Logging;

namespace Portal.Engine.Cgroups;

/// <summary>pids.max / pids.current: the same files on v1 (pids hierarchy) and v2.</summary>
internal static class PidsController
{
    public static void Apply(string dir, ResourceLimits limits, ILogger logger)
    {
        var limited = limits.PidsLimit is > 0;
        CgroupFiles.WriteLimit(Path.Combine(dir, "pids.max"),
            limited ? CgroupFiles.Format(limits.PidsLimit!.Value) : "max", limited, logger);
    }

    public static CgroupStats Read(string dir, CgroupStats stats) => stats with
    {
        PidsCurrent = CgroupFiles.TryReadUInt64(Path.Combine(dir, "pids.current")) ?? 0,
        PidsLimit = CgroupFiles.TryReadLimit(Path.Combine(dir, "pids.max")),
    };
}
