using System.Globalization;

namespace Portal.Client.Components.Format;

/// <summary>Sizes, rates and shares as people read them (binary units, one decimal).</summary>
public static class Units
{
    private static readonly string[] Suffixes = ["B", "KiB", "MiB", "GiB", "TiB", "PiB"];

    public static string Bytes(double bytes)
    {
        var unit = 0;
        while (Math.Abs(bytes) >= 1024 && unit < Suffixes.Length - 1)
        {
            bytes /= 1024;
            unit++;
        }

        return unit == 0
            ? string.Create(CultureInfo.InvariantCulture, $"{bytes:0} B")
            : string.Create(CultureInfo.InvariantCulture, $"{bytes:0.0} {Suffixes[unit]}");
    }

    public static string Rate(double bytesPerSecond) => Bytes(bytesPerSecond) + "/s";

    public static string Percent(double percent) => string.Create(CultureInfo.InvariantCulture, $"{percent:0.0} %");

    /// <summary>Share of <paramref name="total"/> in percent, 0 when the total is unknown.</summary>
    public static double Share(double part, double total) => total > 0 ? Math.Clamp(part / total * 100, 0, 100) : 0;
}
