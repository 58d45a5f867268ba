using System.Diagnostics;
using Portal.Engine.Cgroups;
using Portal.Engine.Stats;
using Portal.Engine.Tests.TestSupport;

namespace Portal.Engine.Tests.Cgroups;

// Real cgroups on this host, which is hybrid and therefore v1: its cgroup2 mount has no controllers to
// enable, so v2 is proven by the fixture-tree tests (CgroupV2ApplyTests, CgroupStatsTests).
[Trait("Category", Root.Category)]
public sealed class CgroupRootTests
{
    private const int SigkillExitCode = 128 + 9;

    [Fact]
    public async Task Memory_limit_oom_kills_a_memory_hog_and_counts_it()
    {
        Root.Require();
        await using var live = new LiveCgroup(new ResourceLimits { MemoryBytes = 32 << 20, MemorySwapBytes = 32 << 20 });

        // busybox tail keeps the last line of /dev/zero, which never ends, so it grows until killed.
        var process = await live.StartAsync("exec tail /dev/zero");
        await process.WaitForExitAsync(LiveCgroup.Timeout());

        Assert.Equal(SigkillExitCode, process.ExitCode);
        var stats = live.Cgroup.ReadStats();
        Assert.True(stats.OomKills >= 1, $"oom kills {stats.OomKills}");
        Assert.Equal(32UL << 20, stats.MemoryLimit);
    }

    [Fact]
    public async Task Pids_limit_caps_a_fork_loop()
    {
        Root.Require();
        await using var live = new LiveCgroup(new ResourceLimits { PidsLimit = 10 });

        // A non-interactive busybox sh gives up at the first fork that fails; the sleeps it started stay.
        var process = await live.StartAsync("for i in $(seq 50); do sleep 60 >/dev/null 2>&1 & done; echo spawned; wait");
        var stderr = await process.StandardError.ReadToEndAsync(LiveCgroup.Timeout());
        await process.WaitForExitAsync(LiveCgroup.Timeout());
        var stats = live.Cgroup.ReadStats();

        Assert.NotEqual(0, process.ExitCode);
        Assert.InRange(stats.PidsCurrent, 2UL, 10UL);
        Assert.Equal(10UL, stats.PidsLimit);
        Assert.Contains("fork", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Half_a_cpu_gives_a_busy_loop_about_half_the_wall_time()
    {
        Root.Require();
        await using var live = new LiveCgroup(new ResourceLimits { NanoCpus = 500_000_000 });

        await live.StartAsync("while :; do :; done");
        var before = live.Cgroup.ReadStats().CpuUsageNs;
        var wall = Stopwatch.StartNew();
        await Task.Delay(TimeSpan.FromSeconds(2), TestContext.Current.CancellationToken);
        var used = live.Cgroup.ReadStats().CpuUsageNs - before;
        var share = used / (double)wall.Elapsed.Ticks / 100;

        // Without the quota one busy thread gets a whole core (share ≈ 1); with it the kernel throttles to ½.
        Assert.InRange(share, 0.3, 0.7);
        Assert.True(live.Cgroup.ReadStats().ThrottledPeriods > 0);
    }

    [Fact]
    public async Task Stats_collector_reads_a_live_process()
    {
        Root.Require();
        await using var live = new LiveCgroup(ResourceLimits.None);

        var process = await live.StartAsync("i=0; while [ $i -lt 20000 ]; do i=$((i+1)); done; echo ready; exec sleep 60");
        Assert.Equal("ready", await process.StandardOutput.ReadLineAsync(LiveCgroup.Timeout()));
        var before = HostInterfaces();
        var stats = new StatsCollector().Collect(live.Cgroup, live.Manager.Version, process.Id);
        var after = HostInterfaces();

        Assert.True(stats.Cgroup.CpuUsageNs > 0);
        Assert.True(stats.Cgroup.MemoryUsage > 0);
        Assert.True(stats.Cgroup.PidsCurrent >= 1);
        Assert.Null(stats.Cgroup.MemoryLimit);
        Assert.True(stats.MemoryLimit > 0);
        Assert.True(stats.SystemCpuUsageNs > stats.Cgroup.CpuUsageNs);
        Assert.True(stats.OnlineCpus >= 1);
        // The process shares the host's network namespace: every host interface but loopback. Tests running at the same
        // time add and delete links, so only those present before and after must be there, and nothing never present.
        Assert.Superset(before.Intersect(after).ToHashSet(), stats.Networks.Keys.ToHashSet());
        Assert.Subset(before.Union(after).ToHashSet(), stats.Networks.Keys.ToHashSet());
        Assert.DoesNotContain("lo", stats.Networks.Keys);
        Assert.Equal(CgroupManagerFactory.Detect(), stats.CgroupVersion);
    }

    private static List<string> HostInterfaces() =>
        [.. new DirectoryInfo("/sys/class/net").GetFileSystemInfos().Select(d => d.Name).Where(n => n != "lo")];

    [Fact]
    public async Task Kill_all_empties_the_cgroup_and_remove_deletes_every_directory()
    {
        Root.Require();
        await using var live = new LiveCgroup(ResourceLimits.None);
        var process = await live.StartAsync("sleep 100 & sleep 100 & echo started; wait");
        Assert.Equal("started", await process.StandardOutput.ReadLineAsync(LiveCgroup.Timeout()));
        Assert.True(live.Cgroup.GetPids().Count >= 3);

        await live.Cgroup.KillAllAsync(TestContext.Current.CancellationToken);

        Assert.Empty(live.Cgroup.GetPids());
        await process.WaitForExitAsync(LiveCgroup.Timeout());
        Assert.Equal(SigkillExitCode, process.ExitCode);

        await live.Cgroup.RemoveAsync(TestContext.Current.CancellationToken);

        Assert.All(live.Cgroup.ProcsFiles, f => Assert.False(Directory.Exists(Path.GetDirectoryName(f)), f));
        Assert.Null(live.Manager.Open("c1"));
    }
}
