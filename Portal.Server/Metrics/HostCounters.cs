namespace Portal.Server.Metrics;

/// <summary>
/// One raw reading of the host: cumulative counters (CPU ticks, interface bytes) that need a previous reading
/// to become rates, and levels (memory, disk, load) that stand alone.
/// </summary>
public sealed record HostCounters
{
    public required DateTimeOffset At { get; init; }

    public required CpuTimes Cpu { get; init; }

    /// <summary>The "cpuN" lines of /proc/stat: the CPUs online now.</summary>
    public required int CpuCount { get; init; }

    public required ulong MemoryTotalBytes { get; init; }

    public required ulong MemoryAvailableBytes { get; init; }

    public required DiskSpace Disk { get; init; }

    /// <summary>Counted interfaces only (<see cref="HostInterfaces.IsCounted"/>).</summary>
    public required IReadOnlyDictionary<string, InterfaceBytes> Interfaces { get; init; }

    public required LoadAverage Load { get; init; }

    public required TimeSpan Uptime { get; init; }
}
