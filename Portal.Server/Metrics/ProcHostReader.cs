using System.Globalization;

namespace Portal.Server.Metrics;

/// <summary>
/// Host figures from procfs (stat, meminfo, net/dev, loadavg, uptime) under <c>procRoot</c> and statfs of the
/// data directory. Each parser takes the file's text and its path, and names the path and line it cannot read.
/// </summary>
public sealed class ProcHostReader(string procRoot, string dataDirectory) : IHostMetricsSource
{
    public HostCounters Read(DateTimeOffset at)
    {
        var stat = ReadProc("stat");
        var meminfo = ReadProc("meminfo");
        var (cpu, cpuCount) = ParseStat(stat.Text, stat.Path);
        var (memTotal, memAvailable) = ParseMemInfo(meminfo.Text, meminfo.Path);
        var netDev = ReadProc("net/dev");
        var loadavg = ReadProc("loadavg");
        var uptime = ReadProc("uptime");
        return new HostCounters
        {
            At = at,
            Cpu = cpu,
            CpuCount = cpuCount,
            MemoryTotalBytes = memTotal,
            MemoryAvailableBytes = memAvailable,
            Disk = ReadDiskSpace(dataDirectory),
            Interfaces = ParseNetDev(netDev.Text, netDev.Path)
                .Where(i => HostInterfaces.IsCounted(i.Key))
                .ToDictionary(i => i.Key, i => i.Value, StringComparer.Ordinal),
            Load = ParseLoadAverage(loadavg.Text, loadavg.Path),
            Uptime = ParseUptime(uptime.Text, uptime.Path),
        };
    }

    /// <summary>
    /// The "cpu" line summed over user, nice, system, idle, iowait, irq, softirq and steal (guest time is already
    /// inside user and nice); idle = idle + iowait, as top counts it. The CPU count is the number of "cpuN" lines.
    /// </summary>
    public static (CpuTimes Cpu, int CpuCount) ParseStat(string text, string path)
    {
        ArgumentNullException.ThrowIfNull(text);
        CpuTimes? total = null;
        var count = 0;
        foreach (var (line, number) in Lines(text))
        {
            var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length == 0 || !fields[0].StartsWith("cpu", StringComparison.Ordinal))
            {
                continue;
            }

            if (fields[0] != "cpu")
            {
                count++;
                continue;
            }

            if (fields.Length < 9)
            {
                throw new InvalidDataException($"{path} line {number}: the cpu line has {fields.Length - 1} fields, expected at least 8 (user … steal)");
            }

            ulong sum = 0;
            for (var i = 1; i <= 8; i++)
            {
                sum += ParseUInt64(fields[i], path, number);
            }

            total = new CpuTimes(sum, ParseUInt64(fields[4], path, number) + ParseUInt64(fields[5], path, number));
        }

        if (total is null)
        {
            throw new InvalidDataException($"{path}: no cpu line");
        }

        return (total.Value, Math.Max(count, 1));
    }

    /// <summary>MemTotal and MemAvailable in bytes (the file gives kB).</summary>
    public static (ulong Total, ulong Available) ParseMemInfo(string text, string path)
    {
        ArgumentNullException.ThrowIfNull(text);
        ulong? total = null, available = null;
        foreach (var (line, number) in Lines(text))
        {
            var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length < 2)
            {
                continue;
            }

            switch (fields[0])
            {
                case "MemTotal:":
                    total = ParseUInt64(fields[1], path, number) * 1024;
                    break;
                case "MemAvailable:":
                    available = ParseUInt64(fields[1], path, number) * 1024;
                    break;
            }
        }

        return (total ?? throw new InvalidDataException($"{path}: no MemTotal line"),
            available ?? throw new InvalidDataException($"{path}: no MemAvailable line (kernel before 3.14?)"));
    }

    /// <summary>Every interface of net/dev: two header lines, then "name: 8 receive fields 8 transmit fields".</summary>
    public static IReadOnlyDictionary<string, InterfaceBytes> ParseNetDev(string text, string path)
    {
        ArgumentNullException.ThrowIfNull(text);
        var interfaces = new Dictionary<string, InterfaceBytes>(StringComparer.Ordinal);
        foreach (var (line, number) in Lines(text))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0 || line.Contains('|', StringComparison.Ordinal))
            {
                continue;
            }

            var values = line[(colon + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (values.Length < 16)
            {
                throw new InvalidDataException($"{path} line {number}: {values.Length} counters, expected 16");
            }

            interfaces[line[..colon].Trim()] = new InterfaceBytes(ParseUInt64(values[0], path, number), ParseUInt64(values[8], path, number));
        }

        return interfaces;
    }

    public static LoadAverage ParseLoadAverage(string text, string path)
    {
        ArgumentNullException.ThrowIfNull(text);
        var fields = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length < 3)
        {
            throw new InvalidDataException($"{path}: expected three load averages, got \"{text.Trim()}\"");
        }

        return new LoadAverage(ParseDouble(fields[0], path), ParseDouble(fields[1], path), ParseDouble(fields[2], path));
    }

    /// <summary>The first field of /proc/uptime: seconds since boot.</summary>
    public static TimeSpan ParseUptime(string text, string path)
    {
        ArgumentNullException.ThrowIfNull(text);
        var fields = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length < 1)
        {
            throw new InvalidDataException($"{path}: empty");
        }

        return TimeSpan.FromSeconds(ParseDouble(fields[0], path));
    }

    /// <summary>statfs of <paramref name="directory"/>, or of its nearest existing ancestor before it is created.</summary>
    public static DiskSpace ReadDiskSpace(string directory)
    {
        var existing = Path.GetFullPath(directory);
        while (!Directory.Exists(existing) && Path.GetDirectoryName(existing) is { } parent)
        {
            existing = parent;
        }

        var drive = new DriveInfo(existing);
        var total = (ulong)drive.TotalSize;
        var allFree = (ulong)drive.TotalFreeSpace;
        return new DiskSpace(total, total - Math.Min(allFree, total), (ulong)drive.AvailableFreeSpace);
    }

    private (string Text, string Path) ReadProc(string name)
    {
        var path = Path.Combine(procRoot, name);
        return (File.ReadAllText(path), path);
    }

    private static IEnumerable<(string Line, int Number)> Lines(string text) =>
        text.Split('\n').Select((line, i) => (line, i + 1));

    private static ulong ParseUInt64(string value, string path, int line) =>
        ulong.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var result)
            ? result
            : throw new InvalidDataException($"{path} line {line}: \"{value}\" is not a non-negative integer");

    private static double ParseDouble(string value, string path) =>
        double.TryParse(value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var result)
            ? result
            : throw new InvalidDataException($"{path}: \"{value}\" is not a number");
}
