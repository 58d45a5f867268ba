using Portal.Engine.Cgroups;
using Portal.Engine.Stats;
using Portal.Server.Metrics;

namespace Portal.Server.Tests.Metrics;

public sealed class MetricRatesTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 28, 12, 0, 0, TimeSpan.Zero);
    private static readonly Guid DeploymentId = Guid.Parse("11111111-2222-3333-4444-555555555555");

    [Fact]
    public void Host_cpu_is_busy_share_of_all_ticks_times_cpus_and_network_is_bytes_per_second()
    {
        var rates = new MetricRates();
        Assert.Null(rates.Host(Host(T0, total: 1000, idle: 500, rx: 0, tx: 0, available: 3000)));

        // 200 ticks over 2 CPUs, 50 idle: 75% of the machine = 150% of one CPU.
        var sample = rates.Host(Host(T0.AddSeconds(2), total: 1200, idle: 550, rx: 4000, tx: 1000, available: 1000));

        Assert.NotNull(sample);
        Assert.Equal(150, sample.CpuPercent, 6);
        Assert.Equal(2000, sample.NetRxBytesPerSecond, 6);
        Assert.Equal(500, sample.NetTxBytesPerSecond, 6);
        Assert.Equal(3000UL, sample.MemoryUsedBytes);
    }

    [Fact]
    public void Container_cpu_follows_docker_stats_and_memory_leaves_out_inactive_file()
    {
        var rates = new MetricRates();
        Assert.Empty(rates.Deployments([Reading("c1", T0, cpuNs: 0, systemNs: 0, rx: 100)], T0));

        // Half a CPU for one second: 0.5e9 ns of container time while the 2-CPU host clock moved 2e9 ns.
        var samples = rates.Deployments([Reading("c1", T0.AddSeconds(1), cpuNs: 500_000_000, systemNs: 2_000_000_000, rx: 1100)], T0.AddSeconds(1));

        var sample = Assert.Single(samples);
        Assert.Equal(DeploymentId, sample.DeploymentId);
        Assert.Equal(50, sample.CpuPercent, 6);
        Assert.Equal(8UL << 20, sample.MemoryUsedBytes);
        Assert.Equal(64UL << 20, sample.MemoryLimitBytes);
        Assert.Equal(1000, sample.NetRxBytesPerSecond, 6);
        Assert.Equal(4096, sample.DiskReadBytesPerSecond, 6);
        Assert.Equal(3UL, sample.Pids);
    }

    [Fact]
    public void Containers_of_one_deployment_are_summed_and_a_restarted_container_only_primes()
    {
        var rates = new MetricRates();
        rates.Deployments([Reading("a", T0, 0, 0, 0), Reading("b", T0, 0, 0, 0)], T0);

        var both = Assert.Single(rates.Deployments(
            [Reading("a", T0.AddSeconds(1), 200_000_000, 2_000_000_000, 0), Reading("b", T0.AddSeconds(1), 300_000_000, 2_000_000_000, 0)],
            T0.AddSeconds(1)));
        Assert.Equal(2, both.Containers);
        Assert.Equal(50, both.CpuPercent, 6);

        // b's counter went backwards: it restarted, so only a counts this time.
        var one = Assert.Single(rates.Deployments(
            [Reading("a", T0.AddSeconds(2), 400_000_000, 4_000_000_000, 0), Reading("b", T0.AddSeconds(2), 1, 4_000_000_000, 0)],
            T0.AddSeconds(2)));
        Assert.Equal(1, one.Containers);
        Assert.Equal(20, one.CpuPercent, 6);
    }

    internal static HostCounters Host(DateTimeOffset at, ulong total, ulong idle, ulong rx, ulong tx, ulong available) => new()
    {
        At = at,
        Cpu = new CpuTimes(total, idle),
        CpuCount = 2,
        MemoryTotalBytes = 4000,
        MemoryAvailableBytes = available,
        Disk = new DiskSpace(100, 40, 50),
        Interfaces = new Dictionary<string, InterfaceBytes> { ["eth0"] = new(rx, tx) },
        Load = new LoadAverage(1, 2, 3),
        Uptime = TimeSpan.FromHours(1),
    };

    internal static DeploymentContainerStats Reading(string container, DateTimeOffset read, ulong cpuNs, ulong systemNs, ulong rx, Guid? deployment = null) =>
        new(deployment ?? DeploymentId, container, new ContainerStats
        {
            Read = read,
            CgroupVersion = CgroupVersion.V1,
            Cgroup = new CgroupStats
            {
                CpuUsageNs = cpuNs,
                MemoryUsage = 10UL << 20,
                MemoryLimit = 64UL << 20,
                MemoryStat = new Dictionary<string, ulong> { ["total_inactive_file"] = 2UL << 20 },
                PidsCurrent = 3,
                IoServiceBytes = [new BlkioEntry(8, 0, "Read", 4096 * (ulong)(read - T0).TotalSeconds)],
            },
            SystemCpuUsageNs = systemNs,
            OnlineCpus = 2,
            MemoryLimit = 64UL << 20,
            Networks = new Dictionary<string, NetworkCounters> { ["eth0"] = new(rx, 0, 0, 0, 0, 0, 0, 0) },
        });
}
