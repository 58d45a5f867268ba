using Microsoft.Extensions.Time.Testing;
using Portal.Data.Entities;
using Portal.Server.Metrics;

namespace Portal.Server.Tests.Metrics;

public sealed class MetricsHistoryServiceTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = new(2026, 11, 28, 12, 0, 0, TimeSpan.Zero);
    private static readonly string Deployment = MetricSeries.ForDeployment(Guid.Parse("11111111-2222-3333-4444-555555555555"));

    private readonly FakeTimeProvider _time = new(Now);
    private MetricsDatabase _db = null!;

    public async ValueTask InitializeAsync() => _db = await MetricsDatabase.CreateAsync();

    public async ValueTask DisposeAsync() => await _db.DisposeAsync();

    [Theory]
    [InlineData(-60, 0, MetricResolution.TenSeconds)]          // last hour
    [InlineData(-1440, 0, MetricResolution.TenSeconds)]        // exactly the last day
    [InlineData(-1500, 0, MetricResolution.FiveMinutes)]       // 25 hours
    [InlineData(-1500, -1380, MetricResolution.FiveMinutes)]   // two hours that start more than a day ago
    [InlineData(-43200, 0, MetricResolution.FiveMinutes)]      // 30 days
    public void Resolution_is_ten_seconds_only_for_spans_within_the_last_day(int fromMinutes, int toMinutes, MetricResolution expected) =>
        Assert.Equal(expected, MetricsHistoryService.Validate(MetricSeries.Host, Now.AddMinutes(fromMinutes), Now.AddMinutes(toMinutes), Now));

    [Theory]
    [InlineData("host", 0, 0, "from", "is not before to")]
    [InlineData("host", 10, 20, "from", "in the future")]
    [InlineData("host", -10, 5, "to", "in the future")]
    [InlineData("host", -60 * 24 * 32, 0, "to", "at most 31")]
    [InlineData("hosts", -10, 0, "series", "neither")]
    [InlineData("", -10, 0, "series", "neither")]
    public void Bad_queries_name_the_parameter(string series, int fromMinutes, int toMinutes, string parameter, string message)
    {
        var e = Assert.Throws<MetricsQueryException>(() => MetricsHistoryService.Validate(series, Now.AddMinutes(fromMinutes), Now.AddMinutes(toMinutes), Now));

        Assert.Equal(parameter, e.ParamName);
        Assert.StartsWith(parameter + ":", e.Message, StringComparison.Ordinal);
        Assert.Contains(message, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Last_hour_returns_the_series_ten_second_rows_in_range_oldest_first()
    {
        var ct = TestContext.Current.CancellationToken;
        await SeedAsync(ct,
            Row(Deployment, Now.AddMinutes(-30), MetricResolution.TenSeconds, 1, cpu: 30),
            Row(Deployment, Now.AddMinutes(-50), MetricResolution.TenSeconds, 1, cpu: 50),
            Row(Deployment, Now.AddMinutes(-70), MetricResolution.TenSeconds, 1, cpu: 70),
            Row(MetricSeries.Host, Now.AddMinutes(-20), MetricResolution.TenSeconds, 1, cpu: 99));

        var history = await new MetricsHistoryService(_db.Contexts, _time).QueryAsync(Deployment, MetricsPreset.LastHour, ct);

        Assert.Equal(MetricResolution.TenSeconds, history.Resolution);
        Assert.Equal((Now.AddHours(-1), Now), (history.From, history.To));
        Assert.Equal([50.0, 30.0], history.Points.Select(p => p.CpuPercent));
    }

    [Fact]
    public async Task Thirty_days_folds_the_recent_ten_second_rows_into_five_minute_points_weighted_like_retention()
    {
        var ct = TestContext.Current.CancellationToken;
        var oldBucket = Now.AddDays(-10);
        var recentBucket = Now.AddHours(-2);
        await SeedAsync(ct,
            Row(MetricSeries.Host, oldBucket, MetricResolution.FiveMinutes, 30, cpu: 10),
            Row(MetricSeries.Host, recentBucket, MetricResolution.TenSeconds, 1, cpu: 20),
            Row(MetricSeries.Host, recentBucket.AddSeconds(10), MetricResolution.TenSeconds, 1, cpu: 40),
            Row(MetricSeries.Host, recentBucket.AddMinutes(5), MetricResolution.TenSeconds, 1, cpu: 7),
            // A bucket holding both kinds (retention merged part of it): weights 2 and 1.
            Row(MetricSeries.Host, Now.AddDays(-5), MetricResolution.FiveMinutes, 2, cpu: 10),
            Row(MetricSeries.Host, Now.AddDays(-5).AddSeconds(20), MetricResolution.TenSeconds, 1, cpu: 40));

        var history = await new MetricsHistoryService(_db.Contexts, _time).QueryAsync(MetricSeries.Host, MetricsPreset.Last30Days, ct);

        Assert.Equal(MetricResolution.FiveMinutes, history.Resolution);
        Assert.Equal(
            [(oldBucket, 10.0), (Now.AddDays(-5), 20.0), (recentBucket, 30.0), (recentBucket.AddMinutes(5), 7.0)],
            history.Points.Select(p => (p.Timestamp, p.CpuPercent)));
    }

    private async Task SeedAsync(CancellationToken ct, params MetricSample[] rows)
    {
        await using var db = _db.CreateContext();
        db.MetricSamples.AddRange(rows);
        await db.SaveChangesAsync(ct);
    }

    private static MetricSample Row(string series, DateTimeOffset at, MetricResolution resolution, int count, double cpu) => new()
    {
        SeriesKey = series,
        Resolution = resolution,
        Timestamp = at,
        SampleCount = count,
        CpuPercent = cpu,
    };
}
