using System.Globalization;
using Portal.Client.Components.Format;

namespace Portal.Client.Components.Charts;

/// <summary>
/// Metric points to what a line chart draws: the fields of a <see cref="MetricKind"/>, one unit for the whole chart
/// (bytes scaled to KiB/MiB/GiB by the largest value), gaps where samples are missing (a null per missing interval,
/// so the time axis stays even), long series averaged down to <see cref="MaxPoints"/>, and a few axis labels.
/// </summary>
public static class ChartShaping
{
    public const int MaxPoints = 600;

    public const int MaxLabels = 6;

    // A missing interval longer than this many steps is drawn as this many empty slots: the gap shows, the chart stays bounded.
    private const int MaxGapSlots = 1000;

    /// <summary>The series a kind plots: legend name and the field it reads.</summary>
    public static IReadOnlyList<(string Name, Func<MetricPoint, double> Value)> Fields(MetricKind kind) => kind switch
    {
        MetricKind.Cpu => [("CPU", p => p.CpuPercent)],
        MetricKind.Memory => [("Memory", p => p.MemoryBytes)],
        MetricKind.Network => [("Received", p => p.NetRxBytesPerSecond), ("Sent", p => p.NetTxBytesPerSecond)],
        MetricKind.Disk => [("Read", p => p.DiskReadBytesPerSecond), ("Written", p => p.DiskWriteBytesPerSecond)],
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown metric kind"),
    };

    /// <summary>The divisor and unit that show <paramref name="largest"/> (and everything smaller on the same chart) readably.</summary>
    public static (double Scale, string Unit) ScaleFor(MetricKind kind, double largest)
    {
        if (kind == MetricKind.Cpu)
        {
            return (1, "%");
        }

        var (scale, unit) = Units.BinaryScale(largest);
        return (scale, kind == MetricKind.Memory ? unit : unit + "/s");
    }

    /// <summary>One value with its own unit: "12.5 %", "1.5 GiB", "300 KiB/s".</summary>
    public static string Format(double value, MetricKind kind)
    {
        var (scale, unit) = ScaleFor(kind, value);
        return Number(value / scale) + " " + unit;
    }

    public static string Number(double value) =>
        value.ToString(Math.Abs(value) < 10 ? "0.##" : "0.#", CultureInfo.InvariantCulture);

    public static ShapedChart Shape(IReadOnlyList<MetricPoint> points, MetricKind kind, TimeZoneInfo? zone = null)
    {
        ArgumentNullException.ThrowIfNull(points);
        zone ??= TimeZoneInfo.Local;
        var fields = Fields(kind);
        var ordered = points.OrderBy(p => p.Timestamp).ToList();
        if (ordered.Count == 0)
        {
            return new ShapedChart([], [.. fields.Select(f => new ShapedSeries(f.Name, []))], ScaleFor(kind, 0).Unit, 1, "No data yet.");
        }

        var step = Step(ordered);
        var times = new List<DateTimeOffset>();
        var raw = fields.Select(_ => new List<double?>()).ToList();
        for (var i = 0; i < ordered.Count; i++)
        {
            var delta = i > 0 ? ordered[i].Timestamp - ordered[i - 1].Timestamp : TimeSpan.Zero;
            if (step > TimeSpan.Zero && delta > step * 1.5)
            {
                var missing = (int)Math.Min(MaxGapSlots, Math.Max(1, Math.Round(delta / step) - 1));
                for (var m = 1; m <= missing; m++)
                {
                    times.Add(ordered[i - 1].Timestamp + step * m);
                    raw.ForEach(series => series.Add(null));
                }
            }

            times.Add(ordered[i].Timestamp);
            for (var f = 0; f < fields.Count; f++)
            {
                raw[f].Add(fields[f].Value(ordered[i]));
            }
        }

        var group = (times.Count + MaxPoints - 1) / MaxPoints;
        var slotTimes = Enumerable.Range(0, (times.Count + group - 1) / group).Select(s => times[s * group]).ToList();
        var averaged = raw.Select(series => Average(series, group)).ToList();
        var largest = averaged.SelectMany(s => s).Where(v => v is not null).Select(v => Math.Abs(v!.Value)).DefaultIfEmpty(0).Max();
        var (scale, unit) = ScaleFor(kind, largest);
        var series = fields.Select((f, i) => new ShapedSeries(f.Name, [.. averaged[i].Select(v => v / scale)])).ToList();
        return new ShapedChart(Labels(slotTimes, zone), series, unit, scale, Summary(ordered[^1], kind));
    }

    /// <summary>"Latest: received 1.2 MiB/s, sent 300 B/s" for screen readers and the chart's caption.</summary>
    public static string Summary(MetricPoint latest, MetricKind kind)
    {
        ArgumentNullException.ThrowIfNull(latest);
        return "Latest: " + string.Join(", ", Fields(kind).Select(f => f.Name.ToLowerInvariant() + " " + Format(f.Value(latest), kind))) + ".";
    }

    /// <summary>The usual interval between samples: the median of the positive differences.</summary>
    private static TimeSpan Step(List<MetricPoint> ordered)
    {
        var deltas = ordered.Zip(ordered.Skip(1), (a, b) => b.Timestamp - a.Timestamp).Where(d => d > TimeSpan.Zero).Order().ToList();
        return deltas.Count == 0 ? TimeSpan.Zero : deltas[deltas.Count / 2];
    }

    private static List<double?> Average(List<double?> values, int group)
    {
        var result = new List<double?>((values.Count + group - 1) / group);
        for (var start = 0; start < values.Count; start += group)
        {
            var present = values.Skip(start).Take(group).Where(v => v is not null).Select(v => v!.Value).ToList();
            result.Add(present.Count == 0 ? null : present.Average());
        }

        return result;
    }

    /// <summary>At most <see cref="MaxLabels"/> non-empty labels, evenly spaced; the format fits the span.</summary>
    private static List<string> Labels(List<DateTimeOffset> times, TimeZoneInfo zone)
    {
        var span = times[^1] - times[0];
        var format = span <= TimeSpan.FromMinutes(10) ? "HH:mm:ss" : span <= TimeSpan.FromDays(1) ? "HH:mm" : "MMM d HH:mm";
        var every = Math.Max(1, (times.Count + MaxLabels - 1) / MaxLabels);
        return [.. times.Select((t, i) => i % every == 0 ? TimeZoneInfo.ConvertTime(t, zone).ToString(format, CultureInfo.InvariantCulture) : "")];
    }
}
