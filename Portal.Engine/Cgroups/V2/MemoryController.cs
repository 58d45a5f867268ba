using Microsoft.Extensions.Logging;

namespace Portal.Engine.Cgroups.V2;

internal static class MemoryController
{
    public static void Apply(string dir, ResourceLimits limits, ILogger logger)
    {
        var settings = MemorySettings.From(limits);
        CgroupFiles.WriteLimit(Path.Combine(dir, "memory.max"), Max(settings.Memory), settings.Memory is not null, logger);

        var swapPath = Path.Combine(dir, "memory.swap.max");
        if (settings.SwapOnly is not null && !File.Exists(swapPath))
        {
            CgroupLog.SwapUnsupported(logger, swapPath);
            return;
        }

        CgroupFiles.WriteLimit(swapPath, Max(settings.SwapOnly), required: false, logger);
    }

    public static CgroupStats Read(string dir, CgroupStats stats)
    {
        var current = CgroupFiles.TryReadUInt64(Path.Combine(dir, "memory.current")) ?? 0;
        return stats with
        {
            MemoryUsage = current,
            // memory.peak exists from Linux 5.19; before it the current value is the best known maximum.
            MemoryMaxUsage = CgroupFiles.TryReadUInt64(Path.Combine(dir, "memory.peak")) ?? current,
            MemoryLimit = CgroupFiles.TryReadLimit(Path.Combine(dir, "memory.max")),
            MemoryStat = CgroupFiles.ReadFlatKeyed(Path.Combine(dir, "memory.stat")),
            OomKills = CgroupFiles.ReadFlatKeyed(Path.Combine(dir, "memory.events")).GetValueOrDefault("oom_kill"),
        };
    }

    private static string Max(long? value) => value is { } v ? CgroupFiles.Format(v) : "max";
}
