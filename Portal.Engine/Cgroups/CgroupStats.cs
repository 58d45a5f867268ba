namespace Portal.Engine.Cgroups;

/// <summary>What one read of a container's cgroup gives.</summary>
public sealed record CgroupStats
{
    /// <summary>Cumulative CPU time in nanoseconds (v1 cpuacct.usage, v2 cpu.stat usage_usec × 1000).</summary>
    public ulong CpuUsageNs { get; init; }
    public ulong CpuUserNs { get; init; }
    public ulong CpuSystemNs { get; init; }
    public IReadOnlyList<ulong> PerCpuUsageNs { get; init; } = [];
    public ulong ThrottledPeriods { get; init; }
    public ulong ThrottledTimeNs { get; init; }
    public ulong MemoryUsage { get; init; }
    public ulong MemoryMaxUsage { get; init; }
    /// <summary>Limit in bytes; null when unlimited.</summary>
    public ulong? MemoryLimit { get; init; }
    /// <summary>memory.stat as the kernel names it (v1 includes total_* keys, v2 has none).</summary>
    public IReadOnlyDictionary<string, ulong> MemoryStat { get; init; } = new Dictionary<string, ulong>();
    public ulong PidsCurrent { get; init; }
    /// <summary>pids.max; null when "max".</summary>
    public ulong? PidsLimit { get; init; }
    public IReadOnlyList<BlkioEntry> IoServiceBytes { get; init; } = [];
    /// <summary>How many times the kernel OOM killer killed a process of this cgroup.</summary>
    public ulong OomKills { get; init; }
}
