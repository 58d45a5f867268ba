using Microsoft.EntityFrameworkCore;
using Portal.Data.Entities;
using Portal.Data.Metrics;
using Portal.Data.Tests.TestSupport;

namespace Portal.Data.Tests.Metrics;

public sealed class MetricRetentionTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 28, 12, 2, 30, TimeSpan.Zero);

    [Fact]
    public async Task Ten_second_samples_older_than_a_day_fold_into_five_minute_means_per_series()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var db = database.CreateContext();
        var bucket = new DateTimeOffset(2026, 11, 27, 9, 0, 0, TimeSpan.Zero);
        var deployment = MetricSeries.ForDeployment(Guid.NewGuid());
        db.MetricSamples.AddRange(
            Raw(MetricSeries.Host, bucket, cpu: 10, memory: 100),
            Raw(MetricSeries.Host, bucket.AddSeconds(10), cpu: 30, memory: 300),
            Raw(MetricSeries.Host, bucket.AddSeconds(290), cpu: 50, memory: 500),
            Raw(MetricSeries.Host, bucket.AddMinutes(5), cpu: 90, memory: 900),
            Raw(deployment, bucket.AddSeconds(20), cpu: 7, memory: 70));
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);

        var result = await MetricRetention.ApplyAsync(db, Now, TestContext.Current.CancellationToken);

        Assert.Equal(new MetricRetentionResult(5, 3, 0), result);
        var rows = await db.MetricSamples.AsNoTracking().OrderBy(m => m.SeriesKey).ThenBy(m => m.Timestamp)
            .ToListAsync(TestContext.Current.CancellationToken);
        Assert.All(rows, r => Assert.Equal(MetricResolution.FiveMinutes, r.Resolution));
        Assert.Equal(3, rows.Count);
        var first = rows.Single(r => r.SeriesKey == MetricSeries.Host && r.Timestamp == bucket);
        Assert.Equal(3, first.SampleCount);
        Assert.Equal(30, first.CpuPercent, precision: 9);
        Assert.Equal(300, first.MemoryBytes, precision: 9);
        Assert.Equal(1, rows.Single(r => r.SeriesKey == MetricSeries.Host && r.Timestamp == bucket.AddMinutes(5)).SampleCount);
        Assert.Equal(7, rows.Single(r => r.SeriesKey == deployment).CpuPercent, precision: 9);
    }

    [Fact]
    public async Task Recent_samples_and_a_bucket_still_open_at_the_cutoff_are_kept_raw()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var db = database.CreateContext();
        var cutoff = Now - MetricRetention.RawRetention;
        var openBucket = new DateTimeOffset(2026, 11, 27, 12, 0, 0, TimeSpan.Zero);
        Assert.True(openBucket < cutoff && cutoff < openBucket + MetricRetention.BucketLength);
        db.MetricSamples.AddRange(
            Raw(MetricSeries.Host, openBucket.AddSeconds(10), cpu: 1, memory: 1),
            Raw(MetricSeries.Host, Now.AddMinutes(-1), cpu: 2, memory: 2));
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);

        var result = await MetricRetention.ApplyAsync(db, Now, TestContext.Current.CancellationToken);

        Assert.Equal(new MetricRetentionResult(0, 0, 0), result);
        Assert.Equal(2, await db.MetricSamples.CountAsync(m => m.Resolution == MetricResolution.TenSeconds, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Late_samples_merge_into_an_existing_bucket_with_a_sample_weighted_mean()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var db = database.CreateContext();
        var bucket = new DateTimeOffset(2026, 11, 27, 9, 0, 0, TimeSpan.Zero);
        db.MetricSamples.AddRange(
            Raw(MetricSeries.Host, bucket, cpu: 10, memory: 0),
            Raw(MetricSeries.Host, bucket.AddSeconds(10), cpu: 20, memory: 0));
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        await MetricRetention.ApplyAsync(db, Now, TestContext.Current.CancellationToken);
        db.ChangeTracker.Clear();

        db.MetricSamples.Add(Raw(MetricSeries.Host, bucket.AddSeconds(20), cpu: 60, memory: 0));
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        var result = await MetricRetention.ApplyAsync(db, Now, TestContext.Current.CancellationToken);

        Assert.Equal(new MetricRetentionResult(1, 1, 0), result);
        var merged = await db.MetricSamples.AsNoTracking().SingleAsync(TestContext.Current.CancellationToken);
        Assert.Equal(3, merged.SampleCount);
        Assert.Equal(30, merged.CpuPercent, precision: 9);
    }

    [Fact]
    public async Task Samples_older_than_thirty_days_are_deleted_and_younger_history_stays()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var db = database.CreateContext();
        var cutoff = Now - MetricRetention.HistoryRetention;
        db.MetricSamples.AddRange(
            Coarse(MetricSeries.Host, cutoff.AddMinutes(-5)),
            Coarse(MetricSeries.Host, cutoff.AddMinutes(5)),
            Coarse(MetricSeries.ForDeployment(Guid.NewGuid()), cutoff.AddDays(-3)));
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);

        var result = await MetricRetention.ApplyAsync(db, Now, TestContext.Current.CancellationToken);

        Assert.Equal(2, result.ExpiredSamplesDeleted);
        var left = await db.MetricSamples.AsNoTracking().SingleAsync(TestContext.Current.CancellationToken);
        Assert.Equal(cutoff.AddMinutes(5), left.Timestamp);
    }

    [Fact]
    public async Task Range_returns_one_series_in_order_within_the_half_open_window()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var db = database.CreateContext();
        var start = new DateTimeOffset(2026, 11, 28, 11, 0, 0, TimeSpan.Zero);
        var other = MetricSeries.ForDeployment(Guid.NewGuid());
        db.MetricSamples.AddRange(
            Raw(MetricSeries.Host, start.AddSeconds(20), cpu: 3, memory: 0),
            Raw(MetricSeries.Host, start, cpu: 1, memory: 0),
            Raw(MetricSeries.Host, start.AddSeconds(10), cpu: 2, memory: 0),
            Raw(MetricSeries.Host, start.AddSeconds(30), cpu: 4, memory: 0),
            Raw(other, start.AddSeconds(10), cpu: 9, memory: 0));
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);

        var cpu = await db.MetricSamples.Range(MetricSeries.Host, MetricResolution.TenSeconds, start, start.AddSeconds(30))
            .Select(m => m.CpuPercent).ToListAsync(TestContext.Current.CancellationToken);

        Assert.Equal([1.0, 2.0, 3.0], cpu);
    }

    [Fact]
    public async Task Range_queries_and_retention_deletes_seek_an_index_instead_of_scanning_the_table()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var db = database.CreateContext();
        var from = Now.AddHours(-1);
        var range = db.MetricSamples.Range(MetricSeries.Host, MetricResolution.TenSeconds, from, Now).ToQueryString();
        var retention = db.MetricSamples
            .Where(m => m.Resolution == MetricResolution.FiveMinutes && m.Timestamp < from).ToQueryString();

        foreach (var sql in new[] { range, retention })
        {
            var plan = await QueryPlanAsync(db, sql);
            Assert.Contains("SEARCH", plan, StringComparison.Ordinal);
            Assert.DoesNotContain("SCAN", plan, StringComparison.Ordinal);
            Assert.DoesNotContain("TEMP B-TREE", plan, StringComparison.Ordinal);
        }
    }

    private static async Task<string> QueryPlanAsync(PortalDbContext db, string sql)
    {
        // ToQueryString prints parameters as .param set lines, which EXPLAIN cannot take: bind them as literals.
        var lines = sql.Split('\n');
        var body = string.Join('\n', lines.Where(l => !l.StartsWith(".param", StringComparison.Ordinal)));
        foreach (var line in lines.Where(l => l.StartsWith(".param set ", StringComparison.Ordinal)))
        {
            var parts = line.Split(' ', 4);
            body = body.Replace(parts[2], parts[3].Trim(), StringComparison.Ordinal);
        }

        await db.Database.OpenConnectionAsync(TestContext.Current.CancellationToken);
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = "EXPLAIN QUERY PLAN " + body;
        await using var reader = await command.ExecuteReaderAsync(TestContext.Current.CancellationToken);
        var plan = new List<string>();
        while (await reader.ReadAsync(TestContext.Current.CancellationToken))
        {
            plan.Add(reader.GetString(3));
        }

        return string.Join('\n', plan);
    }

    private static MetricSample Raw(string series, DateTimeOffset at, double cpu, double memory) => new()
    {
        SeriesKey = series,
        Resolution = MetricResolution.TenSeconds,
        Timestamp = at,
        CpuPercent = cpu,
        MemoryBytes = memory,
    };

    private static MetricSample Coarse(string series, DateTimeOffset at) => new()
    {
        SeriesKey = series,
        Resolution = MetricResolution.FiveMinutes,
        Timestamp = at,
        SampleCount = 30,
    };
}
