using System.Runtime.InteropServices;
using Portal.Data.Entities;

namespace Portal.Server.Metrics;

/// <summary>
/// Sums the 1 Hz samples of the current 10-second bucket per series. <see cref="Advance"/> moves to the bucket of a
/// new instant and hands back the finished bucket's rows: per series, the mean over the samples it had in it.
/// </summary>
public sealed class BucketAccumulator
{
    public static readonly TimeSpan BucketLength = TimeSpan.FromSeconds((int)MetricResolution.TenSeconds);

    private readonly Dictionary<string, Sums> _series = new(StringComparer.Ordinal);

    public DateTimeOffset? Bucket { get; private set; }

    public static DateTimeOffset BucketOf(DateTimeOffset at) =>
        new(at.UtcTicks / BucketLength.Ticks * BucketLength.Ticks, TimeSpan.Zero);

    /// <summary>Moves to <paramref name="at"/>'s bucket; returns the previous bucket's rows when that is a change, else none.</summary>
    public IReadOnlyList<MetricSample> Advance(DateTimeOffset at)
    {
        var bucket = BucketOf(at);
        if (Bucket == bucket)
        {
            return [];
        }

        var finished = Flush();
        Bucket = bucket;
        return finished;
    }

    public void Add(string seriesKey, in MetricValues values)
    {
        if (Bucket is null)
        {
            throw new InvalidOperationException("Advance to a bucket before adding samples");
        }

        ref var sums = ref CollectionsMarshal.GetValueRefOrAddDefault(_series, seriesKey, out _);
        sums.Count++;
        sums.Total += values;
    }

    /// <summary>The current bucket's rows, then nothing is pending. SampleCount is 1: MetricSample counts 10-second rows.</summary>
    public IReadOnlyList<MetricSample> Flush()
    {
        if (Bucket is not { } bucket)
        {
            return [];
        }

        var rows = _series.Select(s => s.Value.Total.Divide(s.Value.Count).ToSample(s.Key, bucket)).ToList();
        _series.Clear();
        return rows;
    }

    private struct Sums
    {
        public int Count;
        public MetricValues Total;
    }
}
