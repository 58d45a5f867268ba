using System.Globalization;

namespace Portal.Server.Deployments;

/// <summary>Sizes in admission messages: binary units, at most two decimals ("1.5 GiB", "256 MiB").</summary>
public static class ByteSize
{
    public static string Format(long bytes)
    {
        const double KiB = 1024, MiB = KiB * 1024, GiB = MiB * 1024;
        var abs = Math.Abs((double)bytes);
        var (value, unit) = abs >= GiB ? (bytes / GiB, "GiB") : abs >= MiB ? (bytes / MiB, "MiB") : abs >= KiB ? (bytes / KiB, "KiB") : (bytes, "B");
        return Math.Round(value, 2).ToString("0.##", CultureInfo.InvariantCulture) + " " + unit;
    }

    public static string FormatCpus(long nanoCpus) =>
        Math.Round(nanoCpus / 1e9, 2).ToString("0.##", CultureInfo.InvariantCulture);
}
