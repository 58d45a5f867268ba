using Portal.Engine.Cgroups;
using Portal.Engine.Stats;

namespace Portal.Server.Metrics;

/// <summary>
/// Turns cumulative counters into 1 Hz samples. Keeps the previous reading of the host and of each container;
/// a first reading (or one after a counter went backwards: a restarted container) only primes the state, so a
/// rate is never computed over an unknown interval.
/// </summary>
public sealed class MetricRates
{
    private const double NanosecondsPerSecond = 1e9;

    private HostCounters? _previousHost;
    private Dictionary<string, ContainerStats> _previousContainers = new(StringComparer.Ordinal);

    /// <summary>
    /// CPU % = (Δbusy ticks / Δall ticks) × CPU count × 100 over /proc/stat, busy = all − idle − iowait: percent
    /// of one CPU. Network = the counted interfaces' byte deltas over the wall-clock interval.
    /// </summary>
    public HostMetrics? Host(HostCounters current)
    {
        ArgumentNullException.ThrowIfNull(current);
        var previous = _previousHost;
        _previousHost = current;
        var seconds = previous is null ? 0 : (current.At - previous.At).TotalSeconds;
        if (previous is null || seconds <= 0 || current.Cpu.TotalTicks < previous.Cpu.TotalTicks)
        {
            return null;
        }

        var allTicks = current.Cpu.TotalTicks - previous.Cpu.TotalTicks;
        var idleTicks = current.Cpu.IdleTicks >= previous.Cpu.IdleTicks ? current.Cpu.IdleTicks - previous.Cpu.IdleTicks : 0;
        var cpu = allTicks == 0 ? 0 : (double)(allTicks - Math.Min(idleTicks, allTicks)) / allTicks * current.CpuCount * 100;
        var (rx, tx) = InterfaceRates(previous.Interfaces, current.Interfaces, seconds);
        return new HostMetrics(
            current.At,
            cpu,
            current.CpuCount,
            current.MemoryTotalBytes,
            current.MemoryTotalBytes - Math.Min(current.MemoryAvailableBytes, current.MemoryTotalBytes),
            current.Disk,
            rx,
            tx,
            current.Load,
            current.Uptime);
    }

    /// <summary>
    /// Per container, docker's formula: CPU % = Δcgroup usage / Δhost /proc/stat total × online CPUs × 100, which is
    /// Δusage / Δwall × 100 measured on the host's own CPU clock (percent of one CPU). Memory = usage − inactive
    /// file cache. Network and block I/O: byte deltas over the interval between the two reads. Summed per
    /// deployment. Containers not seen this time are forgotten.
    /// </summary>
    public IReadOnlyList<DeploymentMetrics> Deployments(IReadOnlyList<DeploymentContainerStats> readings, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(readings);
        var current = new Dictionary<string, ContainerStats>(StringComparer.Ordinal);
        var sums = new Dictionary<Guid, DeploymentMetrics>();
        foreach (var reading in readings)
        {
            current[reading.ContainerId] = reading.Stats;
            if (!_previousContainers.TryGetValue(reading.ContainerId, out var previous)
                || Container(reading.DeploymentId, at, previous, reading.Stats) is not { } sample)
            {
                continue;
            }

            sums[reading.DeploymentId] = sums.TryGetValue(reading.DeploymentId, out var sum) ? Add(sum, sample) : sample;
        }

        _previousContainers = current;
        return [.. sums.Values];
    }

    private static DeploymentMetrics? Container(Guid deploymentId, DateTimeOffset at, ContainerStats previous, ContainerStats current)
    {
        var seconds = (current.Read - previous.Read).TotalSeconds;
        if (seconds <= 0 || current.Cgroup.CpuUsageNs < previous.Cgroup.CpuUsageNs || current.SystemCpuUsageNs <= previous.SystemCpuUsageNs)
        {
            return null;
        }

        var cpu = (double)(current.Cgroup.CpuUsageNs - previous.Cgroup.CpuUsageNs)
            / (current.SystemCpuUsageNs - previous.SystemCpuUsageNs) * current.OnlineCpus * 100;
        var (rx, tx) = InterfaceRates(
            previous.Networks.ToDictionary(n => n.Key, n => new InterfaceBytes(n.Value.RxBytes, n.Value.TxBytes), StringComparer.Ordinal),
            current.Networks.ToDictionary(n => n.Key, n => new InterfaceBytes(n.Value.RxBytes, n.Value.TxBytes), StringComparer.Ordinal),
            seconds);
        return new DeploymentMetrics(
            deploymentId,
            at,
            1,
            cpu,
            MemoryUsed(current.Cgroup),
            current.MemoryLimit,
            rx,
            tx,
            Delta(BlockBytes(previous.Cgroup, "read"), BlockBytes(current.Cgroup, "read")) / seconds,
            Delta(BlockBytes(previous.Cgroup, "write"), BlockBytes(current.Cgroup, "write")) / seconds,
            current.Cgroup.PidsCurrent);
    }

    /// <summary>docker stats' "MEM USAGE": usage minus inactive page cache (total_inactive_file on v1, inactive_file on v2).</summary>
    public static ulong MemoryUsed(CgroupStats cgroup)
    {
        ArgumentNullException.ThrowIfNull(cgroup);
        var inactive = cgroup.MemoryStat.TryGetValue("total_inactive_file", out var v1) ? v1
            : cgroup.MemoryStat.TryGetValue("inactive_file", out var v2) ? v2
            : 0;
        return cgroup.MemoryUsage - Math.Min(inactive, cgroup.MemoryUsage);
    }

    private static ulong BlockBytes(CgroupStats cgroup, string op) =>
        cgroup.IoServiceBytes.Where(e => string.Equals(e.Op, op, StringComparison.OrdinalIgnoreCase)).Aggregate(0UL, (s, e) => s + e.Value);

    /// <summary>Byte deltas of interfaces present both times; a counter that went backwards (interface recreated) counts 0.</summary>
    private static (double Rx, double Tx) InterfaceRates(
        IReadOnlyDictionary<string, InterfaceBytes> previous, IReadOnlyDictionary<string, InterfaceBytes> current, double seconds)
    {
        ulong rx = 0, tx = 0;
        foreach (var (name, now) in current)
        {
            if (previous.TryGetValue(name, out var before))
            {
                rx += Delta(before.RxBytes, now.RxBytes);
                tx += Delta(before.TxBytes, now.TxBytes);
            }
        }

        return (rx / seconds, tx / seconds);
    }

    private static ulong Delta(ulong before, ulong now) => now >= before ? now - before : 0;

    private static DeploymentMetrics Add(DeploymentMetrics a, DeploymentMetrics b) => a with
    {
        Containers = a.Containers + b.Containers,
        CpuPercent = a.CpuPercent + b.CpuPercent,
        MemoryUsedBytes = a.MemoryUsedBytes + b.MemoryUsedBytes,
        MemoryLimitBytes = a.MemoryLimitBytes + b.MemoryLimitBytes,
        NetRxBytesPerSecond = a.NetRxBytesPerSecond + b.NetRxBytesPerSecond,
        NetTxBytesPerSecond = a.NetTxBytesPerSecond + b.NetTxBytesPerSecond,
        DiskReadBytesPerSecond = a.DiskReadBytesPerSecond + b.DiskReadBytesPerSecond,
        DiskWriteBytesPerSecond = a.DiskWriteBytesPerSecond + b.DiskWriteBytesPerSecond,
        Pids = a.Pids + b.Pids,
    };
}
