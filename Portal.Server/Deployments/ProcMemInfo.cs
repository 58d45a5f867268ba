using System.Globalization;

namespace Portal.Server.Deployments;

/// <summary>MemTotal from /proc/meminfo (kB there, bytes here).</summary>
public sealed class ProcMemInfo(string path = "/proc/meminfo") : IHostMemory
{
    public long TotalBytes => Parse(File.ReadAllLines(path), path);

    public static long Parse(IEnumerable<string> lines, string path)
    {
        foreach (var line in lines)
        {
            if (!line.StartsWith("MemTotal:", StringComparison.Ordinal))
            {
                continue;
            }

            var fields = line["MemTotal:".Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length >= 1 && long.TryParse(fields[0], NumberStyles.None, CultureInfo.InvariantCulture, out var kb))
            {
                return kb * 1024;
            }
        }

        throw new InvalidDataException($"{path}: no MemTotal line in kB");
    }
}
