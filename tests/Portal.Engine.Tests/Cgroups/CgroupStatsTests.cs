using Portal.Engine.Cgroups;
using Portal.Engine.Cgroups.V1;
using Portal.Engine.Cgroups.V2;

namespace Portal.Engine.Tests.Cgroups;

public sealed class CgroupStatsTests : IDisposable
{
    private readonly CgroupTree _tree = new();

    public void Dispose() => _tree.Dispose();

    [Fact]
    public void V2_stats_come_from_cpu_memory_pids_and_io_files()
    {
        _tree.Dir("portal/c1",
            ("cpu.stat", "usage_usec 2500\nuser_usec 2000\nsystem_usec 500\nnr_periods 10\nnr_throttled 3\nthrottled_usec 700\n"),
            ("memory.current", "4096000\n"),
            ("memory.peak", "8192000\n"),
            ("memory.max", "33554432\n"),
            ("memory.stat", "anon 1000\nfile 2000\ninactive_file 1500\n"),
            ("memory.events", "low 0\nhigh 0\nmax 4\noom 2\noom_kill 2\noom_group_kill 0\n"),
            ("pids.current", "3\n"),
            ("pids.max", "max\n"),
            ("io.stat", "8:0 rbytes=4096 wbytes=8192 rios=1 wios=2 dbytes=0 dios=0\n253:1 rbytes=1 wbytes=0 rios=1 wios=0 dbytes=0 dios=0\n"));

        var stats = new CgroupV2Manager(_tree.Root, "portal").Open("c1")!.ReadStats();

        Assert.Equal(2_500_000UL, stats.CpuUsageNs);
        Assert.Equal(2_000_000UL, stats.CpuUserNs);
        Assert.Equal(500_000UL, stats.CpuSystemNs);
        Assert.Equal(3UL, stats.ThrottledPeriods);
        Assert.Equal(700_000UL, stats.ThrottledTimeNs);
        Assert.Empty(stats.PerCpuUsageNs);
        Assert.Equal(4_096_000UL, stats.MemoryUsage);
        Assert.Equal(8_192_000UL, stats.MemoryMaxUsage);
        Assert.Equal(33_554_432UL, stats.MemoryLimit);
        Assert.Equal(1500UL, stats.MemoryStat["inactive_file"]);
        Assert.DoesNotContain(stats.MemoryStat.Keys, k => k.StartsWith("total_", StringComparison.Ordinal));
        Assert.Equal(2UL, stats.OomKills);
        Assert.Equal(3UL, stats.PidsCurrent);
        Assert.Null(stats.PidsLimit);
        Assert.Equal(
            [new BlkioEntry(8, 0, "read", 4096), new BlkioEntry(8, 0, "write", 8192), new BlkioEntry(253, 1, "read", 1), new BlkioEntry(253, 1, "write", 0)],
            stats.IoServiceBytes);
    }

    [Fact]
    public void V2_unlimited_memory_reads_null_and_missing_peak_falls_back_to_current()
    {
        _tree.Dir("portal/c1", ("memory.current", "100\n"), ("memory.max", "max\n"), ("pids.max", "12\n"));

        var stats = new CgroupV2Manager(_tree.Root, "portal").Open("c1")!.ReadStats();

        Assert.Null(stats.MemoryLimit);
        Assert.Equal(100UL, stats.MemoryMaxUsage);
        Assert.Equal(12UL, stats.PidsLimit);
        Assert.Equal(0UL, stats.OomKills);
    }

    [Fact]
    public void V1_stats_come_from_each_hierarchy()
    {
        _tree.Dir("cpuacct/portal/c1",
            ("cpuacct.usage", "123456789\n"),
            ("cpuacct.usage_percpu", "100000000 23456789 \n"),
            ("cpuacct.stat", "user 7\nsystem 3\n"));
        _tree.Dir("cpu/portal/c1", ("cpu.stat", "nr_periods 20\nnr_throttled 5\nthrottled_time 999\n"));
        _tree.Dir("memory/portal/c1",
            ("memory.usage_in_bytes", "5000000\n"),
            ("memory.max_usage_in_bytes", "6000000\n"),
            ("memory.limit_in_bytes", "33554432\n"),
            ("memory.stat", "cache 100\nrss 200\ninactive_file 50\ntotal_cache 100\ntotal_inactive_file 60\n"),
            ("memory.oom_control", "oom_kill_disable 0\nunder_oom 0\noom_kill 1\n"));
        _tree.Dir("pids/portal/c1", ("pids.current", "4\n"), ("pids.max", "10\n"));
        _tree.Dir("blkio/portal/c1", ("blkio.throttle.io_service_bytes_recursive",
            "8:0 Read 4096\n8:0 Write 512\n8:0 Sync 4608\n8:0 Async 0\n8:0 Discard 0\n8:0 Total 4608\nTotal 4608\n"));
        var manager = new CgroupV1Manager(
            new[] { "cpuacct", "cpu", "memory", "pids", "blkio" }.ToDictionary(c => c, c => _tree.Path(c)), "portal");

        var stats = manager.Open("c1")!.ReadStats();

        Assert.Equal(123_456_789UL, stats.CpuUsageNs);
        Assert.Equal([100_000_000UL, 23_456_789UL], stats.PerCpuUsageNs);
        Assert.Equal(70_000_000UL, stats.CpuUserNs);
        Assert.Equal(30_000_000UL, stats.CpuSystemNs);
        Assert.Equal(5UL, stats.ThrottledPeriods);
        Assert.Equal(999UL, stats.ThrottledTimeNs);
        Assert.Equal(5_000_000UL, stats.MemoryUsage);
        Assert.Equal(6_000_000UL, stats.MemoryMaxUsage);
        Assert.Equal(33_554_432UL, stats.MemoryLimit);
        Assert.Equal(60UL, stats.MemoryStat["total_inactive_file"]);
        Assert.Equal(50UL, stats.MemoryStat["inactive_file"]);
        Assert.Equal(1UL, stats.OomKills);
        Assert.Equal(4UL, stats.PidsCurrent);
        Assert.Equal(10UL, stats.PidsLimit);
        Assert.Equal([new BlkioEntry(8, 0, "read", 4096), new BlkioEntry(8, 0, "write", 512)], stats.IoServiceBytes);
    }

    [Fact]
    public void V1_page_rounded_long_max_limit_is_unlimited()
    {
        _tree.Dir("memory/portal/c1", ("memory.limit_in_bytes", "9223372036854771712\n"));
        var manager = new CgroupV1Manager(new Dictionary<string, string> { ["memory"] = _tree.Path("memory") }, "portal");

        Assert.Null(manager.Open("c1")!.ReadStats().MemoryLimit);
    }

    [Fact]
    public void A_malformed_counter_names_the_file()
    {
        _tree.Dir("portal/c1", ("pids.current", "lots\n"));

        var ex = Assert.Throws<Portal.Engine.Errors.EngineException>(() => new CgroupV2Manager(_tree.Root, "portal").Open("c1")!.ReadStats());

        Assert.Contains("pids.current", ex.Message, StringComparison.Ordinal);
        Assert.Contains("'lots'", ex.Message, StringComparison.Ordinal);
    }
}
