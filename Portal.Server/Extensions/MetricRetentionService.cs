using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Data.Metrics;

namespace Portal.Server.Extensions;

/// <summary>Downsamples and expires metric history (docs/data.md) every 5 minutes.</summary>
internal sealed partial class MetricRetentionService(
    IDbContextFactory<PortalDbContext> contexts,
    TimeProvider time,
    ILogger<MetricRetentionService> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, time);
        do
        {
            await RunOnceAsync(stoppingToken);
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    public async Task RunOnceAsync(CancellationToken cancellationToken)
    {
        try
        {
            var db = await contexts.CreateDbContextAsync(cancellationToken);
            await using (db)
            {
                var result = await MetricRetention.ApplyAsync(db, time.GetUtcNow(), cancellationToken);
                LogApplied(logger, result.RawSamplesDownsampled, result.BucketsWritten, result.ExpiredSamplesDeleted);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // A failed run (a locked database) is retried on the next tick; the server keeps running.
            LogFailed(logger, e);
        }
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Debug, Message = "Metric retention: {Downsampled} samples folded into {Buckets} buckets, {Expired} expired")]
    private static partial void LogApplied(ILogger logger, int downsampled, int buckets, int expired);

    [LoggerMessage(EventId = 2, Level = LogLevel.Error, Message = "Metric retention failed; retrying in 5 minutes")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
