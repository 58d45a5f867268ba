using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Data.Entities;
using Portal.Data.Metrics;

namespace Portal.Server.Metrics;

/// <summary>
/// Once a second: reads the host and every deployment container, publishes the samples live, keeps the newest
/// for /metrics, and folds them into 10-second means written as one batch when a bucket ends. Every 5 minutes it
/// runs <see cref="MetricRetention"/>. A failure in one read, one write or one container is logged and the loop goes on.
/// </summary>
public sealed partial class MetricsSampler(
    IHostMetricsSource hostSource,
    IDeploymentStatsSource deploymentSource,
    MetricsBroadcaster broadcaster,
    LatestMetrics latest,
    IDeploymentDirectory directory,
    IDbContextFactory<PortalDbContext> contexts,
    TimeProvider time,
    ILogger<MetricsSampler> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    public static readonly TimeSpan RetentionInterval = TimeSpan.FromMinutes(5);

    private static readonly TimeSpan FinalWriteTimeout = TimeSpan.FromSeconds(5);

    private readonly MetricRates _rates = new();
    private readonly BucketAccumulator _buckets = new();
    private DateTimeOffset? _lastRetention;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, time);
        try
        {
            do
            {
                await SampleOnceAsync(stoppingToken).ConfigureAwait(false);
            }
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            // The bucket in progress at shutdown is written too, so a restart loses less than ten seconds.
            using var final = new CancellationTokenSource(FinalWriteTimeout);
            await WriteAsync(_buckets.Flush(), final.Token).ConfigureAwait(false);
        }
    }

    /// <summary>One tick (the timer calls it each second; tests call it directly under a fake clock).</summary>
    public async Task SampleOnceAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        HostMetrics? host = null;
        try
        {
            host = _rates.Host(hostSource.Read(now));
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogHostFailed(logger, e);
        }

        IReadOnlyList<DeploymentMetrics> deployments = [];
        try
        {
            deployments = _rates.Deployments(await deploymentSource.ReadAsync(cancellationToken).ConfigureAwait(false), now);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogDeploymentsFailed(logger, e);
        }

        latest.Update(host, deployments);
        var finished = _buckets.Advance(now);
        if (host is not null)
        {
            broadcaster.Publish(host);
            _buckets.Add(MetricSeries.Host, MetricValues.From(host));
        }

        foreach (var deployment in deployments)
        {
            broadcaster.Publish(deployment);
            _buckets.Add(MetricSeries.ForDeployment(deployment.DeploymentId), MetricValues.From(deployment));
        }

        if (finished.Count > 0)
        {
            await WriteAsync(finished, cancellationToken).ConfigureAwait(false);
            await RefreshLabelsAsync(deployments, cancellationToken).ConfigureAwait(false);
        }

        if (_lastRetention is null || now - _lastRetention >= RetentionInterval)
        {
            _lastRetention = now;
            await ApplyRetentionAsync(now, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task WriteAsync(IReadOnlyList<MetricSample> rows, CancellationToken cancellationToken)
    {
        if (rows.Count == 0)
        {
            return;
        }

        try
        {
            var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
            await using (db.ConfigureAwait(false))
            {
                // A restart inside one bucket finds the previous run's row for it: that row stays, this partial one is dropped.
                var bucket = rows[0].Timestamp;
                var existing = await db.MetricSamples
                    .Where(m => m.Resolution == MetricResolution.TenSeconds && m.Timestamp == bucket)
                    .Select(m => m.SeriesKey)
                    .ToListAsync(cancellationToken).ConfigureAwait(false);
                db.MetricSamples.AddRange(rows.Where(r => !existing.Contains(r.SeriesKey, StringComparer.Ordinal)));
                await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogWriteFailed(logger, rows.Count, rows[0].Timestamp, e);
        }
    }

    private async Task RefreshLabelsAsync(IReadOnlyList<DeploymentMetrics> deployments, CancellationToken cancellationToken)
    {
        var known = latest.Current.Labels;
        var unknown = deployments.Select(d => d.DeploymentId).Where(id => !known.ContainsKey(id)).ToList();
        if (unknown.Count == 0)
        {
            return;
        }

        try
        {
            latest.AddLabels(await directory.LookupAsync(unknown, cancellationToken).ConfigureAwait(false));
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogLabelsFailed(logger, e);
        }
    }

    private async Task ApplyRetentionAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        try
        {
            var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
            await using (db.ConfigureAwait(false))
            {
                var result = await MetricRetention.ApplyAsync(db, now, cancellationToken).ConfigureAwait(false);
                LogRetention(logger, result.RawSamplesDownsampled, result.BucketsWritten, result.ExpiredSamplesDeleted);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogRetentionFailed(logger, e);
        }
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Warning, Message = "Reading host metrics failed; retrying next second")]
    private static partial void LogHostFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 2, Level = LogLevel.Warning, Message = "Listing deployment containers for metrics failed; retrying next second")]
    private static partial void LogDeploymentsFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 3, Level = LogLevel.Error, Message = "Writing {Count} metric samples of bucket {Bucket:o} failed; that bucket is lost")]
    private static partial void LogWriteFailed(ILogger logger, int count, DateTimeOffset bucket, Exception exception);

    [LoggerMessage(EventId = 4, Level = LogLevel.Warning, Message = "Looking up deployment names for metric labels failed")]
    private static partial void LogLabelsFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 5, Level = LogLevel.Debug, Message = "Metric retention: {Downsampled} samples folded into {Buckets} buckets, {Expired} expired")]
    private static partial void LogRetention(ILogger logger, int downsampled, int buckets, int expired);

    [LoggerMessage(EventId = 6, Level = LogLevel.Error, Message = "Metric retention failed; retrying in 5 minutes")]
    private static partial void LogRetentionFailed(ILogger logger, Exception exception);
}
