using System.Globalization;

namespace Portal.Client.Components.Format;

/// <summary>Sizes, rates and shares as people read them (binary units, one decimal).</summary>
public static class Units
{
    private static readonly string[] Suffixes = ["B", "KiB", "MiB", "GiB", "TiB", "PiB"];

    /// <summary>The largest power of 1024 not above <paramref name="bytes"/> (1 below 1 KiB) and its unit.</summary>
    public static (double Scale, string Unit) BinaryScale(double bytes)
    {
        var unit = 0;
        var scale = 1.0;
        while (unit < Suffixes.Length - 1 && Math.Abs(bytes) >= scale * 1024)
        {
            scale *= 1024;
            unit++;
        }

        return (scale, Suffixes[unit]);
    }

    public static string Bytes(double bytes)
    {
        var (scale, unit) = BinaryScale(bytes);
        return scale == 1
            ? string.Create(CultureInfo.InvariantCulture, $"{bytes:0} B")
            : string.Create(CultureInfo.InvariantCulture, $"{bytes / scale:0.0} {unit}");
    }

    public static string Rate(double bytesPerSecond) => Bytes(bytesPerSecond) + "/s";

    public static string Percent(double percent) => string.Create(CultureInfo.InvariantCulture, $"{percent:0.0} %");

    /// <summary>Share of <paramref name="total"/> in percent, 0 when the total is unknown.</summary>
    public static double Share(double part, double total) => total > 0 ? Math.Clamp(part / total * 100, 0, 100) : 0;
}
