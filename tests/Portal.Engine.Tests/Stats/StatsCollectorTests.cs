using Portal.Engine.Cgroups;
using Portal.Engine.Cgroups.V2;
using Portal.Engine.Stats;
using Portal.Engine.Tests.Cgroups;

namespace Portal.Engine.Tests.Stats;

public sealed class StatsCollectorTests : IDisposable
{
    private readonly CgroupTree _proc = new();
    private readonly CgroupTree _cgroups = new();

    public StatsCollectorTests()
    {
        _proc.Dir("",
            ("stat", "cpu  100 20 30 400 5 6 7 8 9 10\ncpu0 50 10 15 200 2 3 3 4 0 0\nintr 1 2 3\n"),
            ("meminfo", "MemTotal:        2048000 kB\nMemFree:          100000 kB\n"));
        _proc.Dir("42/net", ("dev", """
            Inter-|   Receive                                                |  Transmit
             face |bytes    packets errs drop fifo frame compressed multicast|bytes    packets errs drop fifo colls carrier compressed
                lo:    1234      12    0    0    0     0          0         0     1234      12    0    0    0     0       0          0
              eth0:987654321 5000    1    2    0     0          0         3  5555     44    5    6    0     0       0          0
            """));
        _cgroups.Dir("portal/c1", ("cpu.stat", "usage_usec 10\n"), ("memory.current", "4096\n"), ("memory.max", "max\n"), ("pids.current", "1\n"));
    }

    public void Dispose()
    {
        _proc.Dispose();
        _cgroups.Dispose();
    }

    private ICgroup Cgroup() => new CgroupV2Manager(_cgroups.Root, "portal").Open("c1")!;

    [Fact]
    public void System_cpu_is_the_first_seven_cpu_fields_in_nanoseconds()
    {
        // 100+20+30+400+5+6+7 ticks of 10 ms; steal, guest and guest_nice are left out as moby does.
        Assert.Equal(568UL * 10_000_000, new StatsCollector(_proc.Root, () => 2).ReadSystemCpuUsageNs());
    }

    [Fact]
    public void Collect_combines_cgroup_host_and_network_counters()
    {
        var before = DateTimeOffset.UtcNow;

        var stats = new StatsCollector(_proc.Root, () => 3).Collect(Cgroup(), CgroupVersion.V2, 42);

        Assert.InRange(stats.Read, before, DateTimeOffset.UtcNow);
        Assert.Equal(CgroupVersion.V2, stats.CgroupVersion);
        Assert.Equal(10_000UL, stats.Cgroup.CpuUsageNs);
        Assert.Equal(3U, stats.OnlineCpus);
        Assert.Equal(2_048_000UL * 1024, stats.MemoryLimit);
        var eth0 = Assert.Single(stats.Networks);
        Assert.Equal("eth0", eth0.Key);
        Assert.Equal(new NetworkCounters(987654321, 5000, 1, 2, 5555, 44, 5, 6), eth0.Value);
    }

    [Fact]
    public void A_cgroup_memory_limit_wins_over_host_ram()
    {
        _cgroups.Dir("portal/c1", ("memory.max", "33554432\n"));

        var stats = new StatsCollector(_proc.Root, () => 1).Collect(Cgroup(), CgroupVersion.V2, 42);

        Assert.Equal(33_554_432UL, stats.MemoryLimit);
    }

    [Fact]
    public void A_namespace_with_only_loopback_has_no_networks()
    {
        _proc.Dir("43/net", ("dev", """
            Inter-|   Receive                                                |  Transmit
             face |bytes    packets errs drop fifo frame compressed multicast|bytes    packets errs drop fifo colls carrier compressed
                lo:    1234      12    0    0    0     0          0         0     1234      12    0    0    0     0       0          0
            """));

        var stats = new StatsCollector(_proc.Root, () => 1).Collect(Cgroup(), CgroupVersion.V2, 43);

        Assert.Empty(stats.Networks);
    }

    [Fact]
    public void An_exited_init_process_has_no_networks()
    {
        var stats = new StatsCollector(_proc.Root, () => 1).Collect(Cgroup(), CgroupVersion.V2, 4242);

        Assert.Empty(stats.Networks);
    }

    [Fact]
    public void Affinity_count_is_at_least_one_and_at_most_the_online_cpus()
    {
        var online = File.ReadLines("/proc/stat").Count(l => l.Length > 3 && l.StartsWith("cpu", StringComparison.Ordinal) && char.IsAsciiDigit(l[3]));

        Assert.InRange(StatsCollector.CountAffinityCpus(), 1U, (uint)online);
    }
}
