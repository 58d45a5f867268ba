using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Data.Entities;
using Portal.Data.Metrics;

namespace Portal.Server.Metrics;

/// <summary>
/// History of the host or one deployment. Spans of at most a day that start within the last day come at 10-second
/// resolution; anything longer or older at 5 minutes. The last day has no 5-minute rows yet (retention folds 10-second
/// rows only once they are a day old), so a 5-minute query folds the 10-second rows it finds into 5-minute points
/// the same way retention will (sample-count-weighted means).
/// </summary>
public sealed class MetricsHistoryService(IDbContextFactory<PortalDbContext> contexts, TimeProvider time)
{
    public static readonly TimeSpan MaxSpan = TimeSpan.FromDays(31);

    /// <summary>How far past the server's clock <c>to</c> may reach: a browser's clock is rarely exact.</summary>
    public static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(1);

    public static TimeSpan SpanOf(MetricsPreset preset) => preset switch
    {
        MetricsPreset.LastHour => TimeSpan.FromHours(1),
        MetricsPreset.Last24Hours => TimeSpan.FromDays(1),
        MetricsPreset.Last30Days => TimeSpan.FromDays(30),
        _ => throw new MetricsQueryException($"preset: unknown preset {preset}", nameof(preset)),
    };

    public Task<MetricHistory> QueryAsync(string series, MetricsPreset preset, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        return QueryAsync(series, now - SpanOf(preset), now, cancellationToken);
    }

    /// <summary>Throws <see cref="MetricsQueryException"/> naming series, from or to when the query is not valid.</summary>
    public async Task<MetricHistory> QueryAsync(string series, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var resolution = Validate(series, from, to, now);
        var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        await using (db.ConfigureAwait(false))
        {
            var samples = db.MetricSamples.AsNoTracking();
            IReadOnlyList<MetricPoint> points;
            if (resolution == MetricResolution.TenSeconds)
            {
                var rows = await samples.Range(series, resolution, from, to).ToListAsync(cancellationToken).ConfigureAwait(false);
                points = rows.Select(r => ToPoint(r.Timestamp, MetricValues.From(r))).ToList();
            }
            else
            {
                // Bucket-aligned start, so the 10-second rows of the first 5-minute point are all folded in.
                var alignedFrom = new DateTimeOffset(from.UtcTicks / MetricRetention.BucketLength.Ticks * MetricRetention.BucketLength.Ticks, TimeSpan.Zero);
                var coarse = await samples.Range(series, MetricResolution.FiveMinutes, alignedFrom, to).ToListAsync(cancellationToken).ConfigureAwait(false);
                var fine = await samples.Range(series, MetricResolution.TenSeconds, alignedFrom, to).ToListAsync(cancellationToken).ConfigureAwait(false);
                points = Fold(coarse.Concat(fine));
            }

            return new MetricHistory(series, resolution, from, to, points);
        }
    }

    /// <summary>The resolution for a valid query; a <see cref="MetricsQueryException"/> naming the parameter otherwise.</summary>
    public static MetricResolution Validate(string series, DateTimeOffset from, DateTimeOffset to, DateTimeOffset now)
    {
        if (string.IsNullOrEmpty(series) || (series != MetricSeries.Host && !Guid.TryParseExact(series, "D", out _)))
        {
            throw new MetricsQueryException($"series: \"{series}\" is neither \"{MetricSeries.Host}\" nor a deployment id", nameof(series));
        }

        if (from >= to)
        {
            throw new MetricsQueryException($"from: {from:o} is not before to ({to:o})", nameof(from));
        }

        if (from >= now)
        {
            throw new MetricsQueryException($"from: {from:o} is in the future (now is {now:o})", nameof(from));
        }

        if (to > now + ClockSkew)
        {
            throw new MetricsQueryException($"to: {to:o} is in the future (now is {now:o})", nameof(to));
        }

        if (to - from > MaxSpan)
        {
            throw new MetricsQueryException($"to: the range spans {(to - from).TotalDays:0.##} days, at most {MaxSpan.TotalDays:0} are kept", nameof(to));
        }

        return to - from <= MetricRetention.RawRetention && from >= now - MetricRetention.RawRetention
            ? MetricResolution.TenSeconds
            : MetricResolution.FiveMinutes;
    }

    private static IReadOnlyList<MetricPoint> Fold(IEnumerable<MetricSample> rows) =>
        rows
            .GroupBy(r => r.Timestamp.UtcTicks / MetricRetention.BucketLength.Ticks)
            .OrderBy(g => g.Key)
            .Select(g =>
            {
                var weight = g.Sum(r => r.SampleCount);
                var sum = g.Aggregate(default(MetricValues), (s, r) => s + MetricValues.From(r).Scale(r.SampleCount));
                return ToPoint(new DateTimeOffset(g.Key * MetricRetention.BucketLength.Ticks, TimeSpan.Zero), sum.Divide(weight));
            })
            .ToList();

    private static MetricPoint ToPoint(DateTimeOffset at, MetricValues v) =>
        new(at, v.CpuPercent, v.MemoryBytes, v.NetRxBytesPerSecond, v.NetTxBytesPerSecond, v.DiskReadBytesPerSecond, v.DiskWriteBytesPerSecond);
}
