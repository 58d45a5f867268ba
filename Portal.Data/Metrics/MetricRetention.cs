using Microsoft.EntityFrameworkCore;
using Portal.Data.Entities;

namespace Portal.Data.Metrics;

/// <summary>
/// Keeps metric history bounded: 10-second samples for a day, 5-minute samples for 30 days. Every step is
/// one set-based statement; run <see cref="ApplyAsync"/> from a timer.
/// </summary>
public static class MetricRetention
{
    public static readonly TimeSpan RawRetention = TimeSpan.FromDays(1);

    public static readonly TimeSpan HistoryRetention = TimeSpan.FromDays(30);

    public static readonly TimeSpan BucketLength = TimeSpan.FromSeconds((int)MetricResolution.FiveMinutes);

    public static async Task<MetricRetentionResult> ApplyAsync(PortalDbContext db, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var (downsampled, buckets) = await DownsampleAsync(db, now - RawRetention, cancellationToken).ConfigureAwait(false);
        var expired = await DeleteOlderThanAsync(db, now - HistoryRetention, cancellationToken).ConfigureAwait(false);
        return new MetricRetentionResult(downsampled, buckets, expired);
    }

    /// <summary>
    /// Folds every 10-second sample in a 5-minute bucket that ends at or before <paramref name="olderThan"/>
    /// into that bucket's row (sample-count-weighted means, merging into a row an earlier run wrote), then
    /// deletes those 10-second samples, in one transaction. A bucket still open at the cutoff is left whole
    /// for the next run.
    /// </summary>
    public static async Task<(int RawSamplesDownsampled, int BucketsWritten)> DownsampleAsync(
        PortalDbContext db, DateTimeOffset olderThan, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var bucket = BucketLength.Ticks;
        var cutoff = olderThan.UtcTicks / bucket * bucket;
        var raw = (int)MetricResolution.TenSeconds;
        var coarse = (int)MetricResolution.FiveMinutes;

        var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (transaction.ConfigureAwait(false))
        {
            // Means weighted by SampleCount, so merging into an existing bucket gives the same mean as folding all at once.
            var buckets = await db.Database.ExecuteSqlAsync(
                $"""
                INSERT INTO "MetricSamples" ("SeriesKey", "Resolution", "Timestamp", "SampleCount", "CpuPercent", "MemoryBytes",
                    "NetRxBytesPerSecond", "NetTxBytesPerSecond", "DiskReadBytesPerSecond", "DiskWriteBytesPerSecond")
                SELECT "SeriesKey", {coarse}, ("Timestamp" / {bucket}) * {bucket}, SUM("SampleCount"),
                    SUM("CpuPercent" * "SampleCount") / SUM("SampleCount"),
                    SUM("MemoryBytes" * "SampleCount") / SUM("SampleCount"),
                    SUM("NetRxBytesPerSecond" * "SampleCount") / SUM("SampleCount"),
                    SUM("NetTxBytesPerSecond" * "SampleCount") / SUM("SampleCount"),
                    SUM("DiskReadBytesPerSecond" * "SampleCount") / SUM("SampleCount"),
                    SUM("DiskWriteBytesPerSecond" * "SampleCount") / SUM("SampleCount")
                FROM "MetricSamples"
                WHERE "Resolution" = {raw} AND "Timestamp" < {cutoff}
                GROUP BY "SeriesKey", "Timestamp" / {bucket}
                ON CONFLICT ("SeriesKey", "Resolution", "Timestamp") DO UPDATE SET
                    "CpuPercent" = ("CpuPercent" * "SampleCount" + excluded."CpuPercent" * excluded."SampleCount") / ("SampleCount" + excluded."SampleCount"),
                    "MemoryBytes" = ("MemoryBytes" * "SampleCount" + excluded."MemoryBytes" * excluded."SampleCount") / ("SampleCount" + excluded."SampleCount"),
                    "NetRxBytesPerSecond" = ("NetRxBytesPerSecond" * "SampleCount" + excluded."NetRxBytesPerSecond" * excluded."SampleCount") / ("SampleCount" + excluded."SampleCount"),
                    "NetTxBytesPerSecond" = ("NetTxBytesPerSecond" * "SampleCount" + excluded."NetTxBytesPerSecond" * excluded."SampleCount") / ("SampleCount" + excluded."SampleCount"),
                    "DiskReadBytesPerSecond" = ("DiskReadBytesPerSecond" * "SampleCount" + excluded."DiskReadBytesPerSecond" * excluded."SampleCount") / ("SampleCount" + excluded."SampleCount"),
                    "DiskWriteBytesPerSecond" = ("DiskWriteBytesPerSecond" * "SampleCount" + excluded."DiskWriteBytesPerSecond" * excluded."SampleCount") / ("SampleCount" + excluded."SampleCount"),
                    "SampleCount" = "SampleCount" + excluded."SampleCount"
                """,
                cancellationToken).ConfigureAwait(false);

            var cutoffInstant = new DateTimeOffset(cutoff, TimeSpan.Zero);
            var downsampled = await db.MetricSamples
                .Where(m => m.Resolution == MetricResolution.TenSeconds && m.Timestamp < cutoffInstant)
                .ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            return (downsampled, buckets);
        }
    }

    /// <summary>Deletes samples of every resolution older than <paramref name="olderThan"/>.</summary>
    public static async Task<int> DeleteOlderThanAsync(PortalDbContext db, DateTimeOffset olderThan, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var deleted = 0;
        // One range per resolution, so each delete seeks the (Resolution, Timestamp) index instead of scanning.
        foreach (var resolution in Enum.GetValues<MetricResolution>())
        {
            deleted += await db.MetricSamples
                .Where(m => m.Resolution == resolution && m.Timestamp < olderThan)
                .ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
        }

        return deleted;
    }

    /// <summary>One series' samples at one resolution in [from, to), oldest first; served by the primary key.</summary>
    public static IQueryable<MetricSample> Range(
        this IQueryable<MetricSample> samples, string seriesKey, MetricResolution resolution, DateTimeOffset from, DateTimeOffset to) =>
        samples
            .Where(m => m.SeriesKey == seriesKey && m.Resolution == resolution && m.Timestamp >= from && m.Timestamp < to)
            .OrderBy(m => m.Timestamp);
}
