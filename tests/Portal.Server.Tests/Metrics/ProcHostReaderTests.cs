using Portal.Server.Metrics;

namespace Portal.Server.Tests.Metrics;

public sealed class ProcHostReaderTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 28, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Stat_sums_user_to_steal_counts_idle_plus_iowait_and_counts_cpu_lines()
    {
        var (cpu, count) = ProcHostReader.ParseStat(ProcFixture.Stat, "stat");

        Assert.Equal(1409359UL + 10 + 351640 + 730560 + 3125 + 7 + 4667 + 11, cpu.TotalTicks);
        Assert.Equal(730560UL + 3125, cpu.IdleTicks);
        Assert.Equal(2, count);
    }

    [Fact]
    public void Meminfo_gives_total_and_available_in_bytes()
    {
        var (total, available) = ProcHostReader.ParseMemInfo(ProcFixture.MemInfo, "meminfo");

        Assert.Equal(4015912UL * 1024, total);
        Assert.Equal(2870180UL * 1024, available);
    }

    [Fact]
    public void Net_dev_reads_every_interface_and_the_host_reading_keeps_only_counted_ones()
    {
        var all = ProcHostReader.ParseNetDev(ProcFixture.NetDev, "net/dev");
        Assert.Equal(["lo", "eth0", "ens4", "portal0", "pt-0123456789ab", "pv0123456789a"], all.Keys);
        Assert.Equal(new InterfaceBytes(269503569, 594440), all["eth0"]);

        using var proc = new ProcFixture();
        var reading = new ProcHostReader(proc.Root, proc.Root).Read(At);

        Assert.Equal(["ens4", "eth0"], reading.Interfaces.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Full_reading_of_a_fixture_tree()
    {
        using var proc = new ProcFixture();

        var reading = new ProcHostReader(proc.Root, Path.Combine(proc.Root, "not", "yet", "created")).Read(At);

        Assert.Equal(At, reading.At);
        Assert.Equal(2, reading.CpuCount);
        Assert.Equal(4015912UL * 1024, reading.MemoryTotalBytes);
        Assert.Equal(new LoadAverage(29.94, 22.21, 19.79), reading.Load);
        Assert.Equal(TimeSpan.FromSeconds(12527.45), reading.Uptime);
        Assert.True(reading.Disk.TotalBytes > 0, "statfs of the nearest existing ancestor");
        Assert.True(reading.Disk.UsedBytes + reading.Disk.FreeBytes <= reading.Disk.TotalBytes);
    }

    [Fact]
    public void Bad_files_are_refused_naming_path_and_line()
    {
        var shortCpu = Assert.Throws<InvalidDataException>(() => ProcHostReader.ParseStat("cpu  1 2 3\n", "/proc/stat"));
        Assert.Contains("/proc/stat line 1", shortCpu.Message, StringComparison.Ordinal);

        var notNumber = Assert.Throws<InvalidDataException>(() => ProcHostReader.ParseStat("cpu0 1\ncpu  1 2 x 4 5 6 7 8\n", "/proc/stat"));
        Assert.Contains("/proc/stat line 2: \"x\"", notNumber.Message, StringComparison.Ordinal);

        var noAvailable = Assert.Throws<InvalidDataException>(() => ProcHostReader.ParseMemInfo("MemTotal: 10 kB\n", "/proc/meminfo"));
        Assert.Contains("MemAvailable", noAvailable.Message, StringComparison.Ordinal);

        var truncated = Assert.Throws<InvalidDataException>(() => ProcHostReader.ParseNetDev("  eth0: 1 2 3\n", "/proc/net/dev"));
        Assert.Contains("/proc/net/dev line 1", truncated.Message, StringComparison.Ordinal);

        Assert.Throws<InvalidDataException>(() => ProcHostReader.ParseLoadAverage("0.1\n", "/proc/loadavg"));
    }

    [Theory]
    [InlineData("eth0", true)]
    [InlineData("ens4", true)]
    [InlineData("wlan0", true)]
    [InlineData("lo", false)]
    [InlineData("portal0", false)]
    [InlineData("pt-0123456789ab", false)]
    [InlineData("pv0123456789a", false)]
    public void Host_interfaces_leave_out_loopback_and_portal_plumbing(string name, bool counted) =>
        Assert.Equal(counted, HostInterfaces.IsCounted(name));

    [Fact]
    public void Real_proc_gives_sane_host_figures()
    {
        var reader = new ProcHostReader("/proc", Path.GetTempPath());
        var rates = new MetricRates();
        var first = reader.Read(At);
        Assert.Null(rates.Host(first));
        // /proc/stat moves in 10 ms ticks; spin until the counters have moved so the delta is not empty.
        HostCounters second;
        do
        {
            second = reader.Read(At.AddSeconds(1));
        }
        while (second.Cpu.TotalTicks == first.Cpu.TotalTicks);

        var host = rates.Host(second);

        Assert.NotNull(host);
        Assert.Equal(Environment.ProcessorCount, second.CpuCount);
        Assert.InRange(host.CpuPercent, 0, 100.0 * second.CpuCount);
        Assert.InRange(host.MemoryUsedBytes, 1UL, host.MemoryTotalBytes);
        Assert.True(host.Disk.TotalBytes > 0 && host.Disk.UsedBytes + host.Disk.FreeBytes <= host.Disk.TotalBytes);
        Assert.True(host.Uptime > TimeSpan.Zero);
        Assert.DoesNotContain("lo", second.Interfaces.Keys);
        Assert.True(host.NetRxBytesPerSecond >= 0 && host.NetTxBytesPerSecond >= 0);
    }
}
