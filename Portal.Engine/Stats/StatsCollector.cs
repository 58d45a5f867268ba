using System.Globalization;
using System.Numerics;
using Portal.Engine.Cgroups;
using Portal.Engine.Interop;

namespace Portal.Engine.Stats;

/// <summary>
/// Samples a container as moby's stats collector does: the cgroup's counters plus the host CPU total
/// from /proc/stat, the CPUs this process may run on, and the container's interfaces from
/// /proc/&lt;init pid&gt;/net/dev (the host reads the netns of that process without entering it).
/// Those are the kernel's dev_get_stats counters, the same ones netlink's IFLA_STATS64 carries, seen from the
/// container's side as Docker reports them (docs/networking.md, "Network counters in stats").
/// </summary>
public sealed class StatsCollector : IStatsCollector
{
    // /proc/stat counts USER_HZ ticks, which is 100 on every Linux ABI.
    private const ulong NanosecondsPerTick = 1_000_000_000 / 100;
    private const string Loopback = "lo";

    private readonly string _procRoot;
    private readonly Func<uint> _onlineCpus;

    public StatsCollector()
        : this("/proc", CountAffinityCpus)
    {
    }

    /// <param name="procRoot">Where stat, meminfo and &lt;pid&gt;/net/dev are read (a fixture dir in tests).</param>
    /// <param name="onlineCpus">The online CPU count (sched_getaffinity of this process by default).</param>
    public StatsCollector(string procRoot, Func<uint> onlineCpus)
    {
        _procRoot = procRoot;
        _onlineCpus = onlineCpus;
    }

    public ContainerStats Collect(ICgroup cgroup, CgroupVersion version, int initPid)
    {
        ArgumentNullException.ThrowIfNull(cgroup);
        var stats = cgroup.ReadStats();
        return new ContainerStats
        {
            Read = DateTimeOffset.UtcNow,
            CgroupVersion = version,
            Cgroup = stats,
            SystemCpuUsageNs = ReadSystemCpuUsageNs(),
            OnlineCpus = _onlineCpus(),
            MemoryLimit = stats.MemoryLimit ?? ReadMemTotal(),
            Networks = initPid > 0 ? ReadNetworks(initPid) : new Dictionary<string, NetworkCounters>(),
        };
    }

    /// <summary>user + nice + system + idle + iowait + irq + softirq of the "cpu" line, in ns (moby's getSystemCPUUsage).</summary>
    public ulong ReadSystemCpuUsageNs()
    {
        var path = Path.Combine(_procRoot, "stat");
        foreach (var line in File.ReadLines(path))
        {
            var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length > 0 && fields[0] == "cpu")
            {
                if (fields.Length < 8)
                {
                    throw new Errors.EngineException($"{path}: the cpu line has {fields.Length - 1} fields, expected at least 7");
                }

                ulong ticks = 0;
                foreach (var field in fields.AsSpan(1, 7))
                {
                    ticks += CgroupFiles.ParseUInt64(field, path);
                }

                return ticks * NanosecondsPerTick;
            }
        }

        throw new Errors.EngineException($"{path}: no cpu line");
    }

    /// <summary>MemTotal of /proc/meminfo in bytes: Docker's limit for a container without one.</summary>
    public ulong ReadMemTotal()
    {
        var path = Path.Combine(_procRoot, "meminfo");
        foreach (var line in File.ReadLines(path))
        {
            if (line.StartsWith("MemTotal:", StringComparison.Ordinal))
            {
                var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                return CgroupFiles.ParseUInt64(fields[1], path) * 1024;
            }
        }

        throw new Errors.EngineException($"{path}: no MemTotal line");
    }

    /// <summary>
    /// /proc/&lt;pid&gt;/net/dev: two header lines, then "iface: 8 receive counters 8 transmit counters".
    /// Loopback is left out: Docker reports the container's endpoints only, so a container without one
    /// (--network none, loopback only) has no networks. A process that has exited has none.
    /// </summary>
    public IReadOnlyDictionary<string, NetworkCounters> ReadNetworks(int pid)
    {
        var path = Path.Combine(_procRoot, pid.ToString(CultureInfo.InvariantCulture), "net", "dev");
        var networks = new Dictionary<string, NetworkCounters>(StringComparer.Ordinal);
        var text = CgroupFiles.TryRead(path);
        foreach (var line in CgroupFiles.Lines(text))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                continue;
            }

            var values = line[(colon + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (values.Length < 16)
            {
                continue;
            }

            var name = line[..colon].Trim();
            if (name == Loopback)
            {
                continue;
            }

            ulong V(int i) => CgroupFiles.ParseUInt64(values[i], path);
            networks[name] = new NetworkCounters(V(0), V(1), V(2), V(3), V(8), V(9), V(10), V(11));
        }

        return networks;
    }

    /// <summary>The CPUs this process may run on (moby counts sched_getaffinity, not all CPUs present).</summary>
    public static unsafe uint CountAffinityCpus()
    {
        const int maskBytes = 1024 / 8;
        var mask = stackalloc byte[maskBytes];
        if (Native.sched_getaffinity(0, maskBytes, mask) < 0)
        {
            throw LinuxException.FromLastError("sched_getaffinity");
        }

        uint count = 0;
        for (var i = 0; i < maskBytes; i++)
        {
            count += (uint)BitOperations.PopCount(mask[i]);
        }

        return count;
    }
}
