namespace Portal.Engine.Cgroups.V1;

internal static class CpuacctController
{
    // cpuacct.stat counts USER_HZ ticks, which is 100 on every Linux ABI.
    private const ulong NanosecondsPerTick = 1_000_000_000 / 100;

    public static CgroupStats Read(string dir, CgroupStats stats)
    {
        var percpuPath = Path.Combine(dir, "cpuacct.usage_percpu");
        var stat = CgroupFiles.ReadFlatKeyed(Path.Combine(dir, "cpuacct.stat"));
        return stats with
        {
            CpuUsageNs = CgroupFiles.TryReadUInt64(Path.Combine(dir, "cpuacct.usage")) ?? 0,
            PerCpuUsageNs = [.. (CgroupFiles.TryRead(percpuPath) ?? "")
                .Split((char[])[' ', '\n'], StringSplitOptions.RemoveEmptyEntries)
                .Select(v => CgroupFiles.ParseUInt64(v, percpuPath))],
            CpuUserNs = stat.GetValueOrDefault("user") * NanosecondsPerTick,
            CpuSystemNs = stat.GetValueOrDefault("system") * NanosecondsPerTick,
        };
    }
}
