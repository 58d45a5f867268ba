using Microsoft.Extensions.Logging;

namespace Portal.Engine.Cgroups.V1;

internal static class MemoryController
{
    public const string LimitFile = "memory.limit_in_bytes";
    public const string MemswFile = "memory.memsw.limit_in_bytes";

    // The kernel reports "unlimited" as LONG_MAX rounded down to a page (9223372036854771712);
    // anything this large is no real limit.
    private const ulong UnlimitedThreshold = 1UL << 62;

    public static void Apply(string dir, ResourceLimits limits, ILogger logger)
    {
        var settings = MemorySettings.From(limits);
        var memswPath = Path.Combine(dir, MemswFile);
        if (!File.Exists(memswPath))
        {
            if (settings.MemoryPlusSwap is not null)
            {
                CgroupLog.SwapUnsupported(logger, memswPath);
            }

            CgroupFiles.Write(Path.Combine(dir, LimitFile), CgroupFiles.Format(settings.Memory ?? -1), logger);
            return;
        }

        var current = CgroupFiles.TryReadUInt64(Path.Combine(dir, LimitFile)) ?? ulong.MaxValue;
        foreach (var (file, value) in Plan(current, settings.Memory ?? -1, settings.MemoryPlusSwap ?? -1))
        {
            CgroupFiles.Write(Path.Combine(dir, file), CgroupFiles.Format(value), logger);
        }
    }

    /// <summary>
    /// The kernel keeps memory.limit_in_bytes &lt;= memory.memsw.limit_in_bytes at every moment and rejects a
    /// write that would break it (EINVAL). When the new memsw is at least the current memory limit it goes
    /// first (raising); otherwise memory is lowered first. As runc's setMemoryAndSwap.
    /// </summary>
    public static IReadOnlyList<(string File, long Value)> Plan(ulong currentMemoryLimit, long memory, long memoryPlusSwap) =>
        memoryPlusSwap == -1 || currentMemoryLimit < (ulong)memoryPlusSwap
            ? [(MemswFile, memoryPlusSwap), (LimitFile, memory)]
            : [(LimitFile, memory), (MemswFile, memoryPlusSwap)];

    public static CgroupStats Read(string dir, CgroupStats stats)
    {
        var limit = CgroupFiles.TryReadUInt64(Path.Combine(dir, LimitFile));
        return stats with
        {
            MemoryUsage = CgroupFiles.TryReadUInt64(Path.Combine(dir, "memory.usage_in_bytes")) ?? 0,
            MemoryMaxUsage = CgroupFiles.TryReadUInt64(Path.Combine(dir, "memory.max_usage_in_bytes")) ?? 0,
            MemoryLimit = limit >= UnlimitedThreshold ? null : limit,
            MemoryStat = CgroupFiles.ReadFlatKeyed(Path.Combine(dir, "memory.stat")),
            OomKills = ReadOomKills(Path.Combine(dir, "memory.oom_control")),
        };
    }

    // memory.oom_control mixes flags and counters ("oom_kill_disable 0", "under_oom 0", "oom_kill 1").
    private static ulong ReadOomKills(string path) => CgroupFiles.ReadFlatKeyed(path).GetValueOrDefault("oom_kill");
}
