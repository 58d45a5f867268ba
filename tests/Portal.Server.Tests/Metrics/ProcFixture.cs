namespace Portal.Server.Tests.Metrics;

/// <summary>A fake procfs tree (stat, meminfo, net/dev, loadavg, uptime) copied from a 2-CPU Debian VM.</summary>
internal sealed class ProcFixture : IDisposable
{
    public const string Stat = """
        cpu  1409359 10 351640 730560 3125 7 4667 11 0 0
        cpu0 695220 5 168799 383085 564 3 2043 5 0 0
        cpu1 714138 5 182841 347474 2560 4 2624 6 0 0
        intr 141928383 0 9 0 0 0 0 0 0 0 0
        ctxt 284513373
        btime 1764300000
        processes 1140398
        procs_running 2
        """;

    public const string MemInfo = """
        MemTotal:        4015912 kB
        MemFree:          412236 kB
        MemAvailable:    2870180 kB
        Buffers:          112504 kB
        Cached:          2201500 kB
        """;

    public const string NetDev = """
        Inter-|   Receive                                                |  Transmit
         face |bytes    packets errs drop fifo frame compressed multicast|bytes    packets errs drop fifo colls carrier compressed
            lo: 37865057   16188    0    0    0     0          0         0 37865057   16188    0    0    0     0       0          0
          eth0: 269503569    9861    0    0    0     0          0         0   594440    7473    0    0    0     0       0          0
          ens4:     1000      10    0    0    0     0          0         0     2000      20    0    0    0     0       0          0
        portal0: 2153721    2123    0    0    0     0          0      1355   147640    1733    0   44    0     0       0          0
        pt-0123456789ab:  500  5    0    0    0     0          0         0      600       6    0    0    0     0       0          0
        pv0123456789a:   700   7    0    0    0     0          0         0      800       8    0    0    0     0       0          0
        """;

    public const string LoadAvg = "29.94 22.21 19.79 21/406 29118\n";

    public const string Uptime = "12527.45 7305.60\n";

    public ProcFixture()
    {
        Root = Directory.CreateTempSubdirectory("portal-proc-fixture-").FullName;
        Directory.CreateDirectory(Path.Combine(Root, "net"));
        Write("stat", Stat);
        Write("meminfo", MemInfo);
        Write("net/dev", NetDev);
        Write("loadavg", LoadAvg);
        Write("uptime", Uptime);
    }

    public string Root { get; }

    public void Write(string name, string text) => File.WriteAllText(Path.Combine(Root, name), text);

    public void Dispose() => Directory.Delete(Root, recursive: true);
}
