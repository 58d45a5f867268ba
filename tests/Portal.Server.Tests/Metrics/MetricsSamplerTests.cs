using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Portal.Data.Entities;
using Portal.Server.Metrics;

namespace Portal.Server.Tests.Metrics;

public sealed class MetricsSamplerTests : IAsyncLifetime
{
    // Bucket-aligned, so seconds 1..9 fall in the bucket starting at T0 and second 10 starts the next.
    private static readonly DateTimeOffset T0 = new(2026, 11, 28, 12, 0, 0, TimeSpan.Zero);
    private static readonly Guid DeploymentId = Guid.Parse("11111111-2222-3333-4444-555555555555");

    private readonly FakeTimeProvider _time = new(T0);
    private readonly MetricsBroadcaster _broadcaster = new();
    private readonly LatestMetrics _latest = new();
    private MetricsDatabase _db = null!;
    private ScriptedHost _host = null!;

    public async ValueTask InitializeAsync()
    {
        _db = await MetricsDatabase.CreateAsync();
        _host = new ScriptedHost(HostAt);
    }

    public async ValueTask DisposeAsync() => await _db.DisposeAsync();

    /// <summary>At second t the CPU was busy t of the last 100 ticks (2t % of one CPU on 2 CPUs) and t kB of memory are used.</summary>
    private static HostCounters HostAt(DateTimeOffset at)
    {
        var t = (ulong)(at - T0).TotalSeconds;
        var busy = t * (t + 1) / 2;
        return MetricRatesTests.Host(at, total: 100 * t, idle: 100 * t - busy, rx: 500 * t, tx: 0, available: 4000 - t);
    }

    /// <summary>At second t the container used t % of one CPU over the last second and received 1000 B/s.</summary>
    private static IReadOnlyList<DeploymentContainerStats> DeploymentsAt(DateTimeOffset at)
    {
        var t = (ulong)(at - T0).TotalSeconds;
        return [MetricRatesTests.Reading("c1", at, cpuNs: t * (t + 1) / 2 * 10_000_000, systemNs: t * 2_000_000_000, rx: 1000 * t, DeploymentId)];
    }

    private MetricsSampler Sampler(IDeploymentDirectory? directory = null) => new(
        _host,
        new ScriptedDeployments(DeploymentsAt, _time),
        _broadcaster,
        _latest,
        directory ?? new FixedDirectory(new Dictionary<Guid, DeploymentLabels>()),
        _db.Contexts,
        _time,
        NullLogger<MetricsSampler>.Instance);

    [Fact]
    public async Task Ten_second_rows_hold_the_mean_of_the_one_hertz_samples_and_are_written_when_the_bucket_ends()
    {
        var ct = TestContext.Current.CancellationToken;
        var sampler = Sampler(new FixedDirectory(new Dictionary<Guid, DeploymentLabels> { [DeploymentId] = new("notes", "Platform") }));
        var hostFeed = _broadcaster.SubscribeHost(ct);
        var deploymentFeed = _broadcaster.SubscribeDeployment(DeploymentId, ct);

        await sampler.SampleOnceAsync(ct);
        for (var t = 1; t <= 9; t++)
        {
            _time.Advance(TimeSpan.FromSeconds(1));
            await sampler.SampleOnceAsync(ct);
        }

        Assert.Equal(9, hostFeed.Count);
        Assert.Equal(9, deploymentFeed.Count);
        Assert.Empty(await Rows(ct));

        _time.Advance(TimeSpan.FromSeconds(1));
        await sampler.SampleOnceAsync(ct);

        var rows = await Rows(ct);
        Assert.Equal(2, rows.Count);
        Assert.All(rows, r => Assert.Equal((T0, MetricResolution.TenSeconds, 1), (r.Timestamp, r.Resolution, r.SampleCount)));
        var host = rows.Single(r => r.SeriesKey == MetricSeries.Host);
        Assert.Equal(10, host.CpuPercent, 6); // mean of 2, 4, … 18
        Assert.Equal(5, host.MemoryBytes, 6); // mean of 1 … 9
        Assert.Equal(500, host.NetRxBytesPerSecond, 6);
        var deployment = rows.Single(r => r.SeriesKey == MetricSeries.ForDeployment(DeploymentId));
        Assert.Equal(5, deployment.CpuPercent, 6); // mean of 1 … 9
        Assert.Equal(8 << 20, deployment.MemoryBytes, 6);
        Assert.Equal(1000, deployment.NetRxBytesPerSecond, 6);

        Assert.Equal(new DeploymentLabels("notes", "Platform"), _latest.Current.Labels[DeploymentId]);
        Assert.Equal(20, _latest.Current.Host!.CpuPercent, 6);
    }

    [Fact]
    public async Task A_failing_host_read_skips_the_host_but_the_deployments_are_still_sampled()
    {
        var ct = TestContext.Current.CancellationToken;
        var sampler = Sampler();
        var hostFeed = _broadcaster.SubscribeHost(ct);
        var deploymentFeed = _broadcaster.SubscribeDeployment(DeploymentId, ct);
        await sampler.SampleOnceAsync(ct);

        _host.Fail = true;
        _time.Advance(TimeSpan.FromSeconds(1));
        await sampler.SampleOnceAsync(ct);
        _host.Fail = false;
        _time.Advance(TimeSpan.FromSeconds(1));
        await sampler.SampleOnceAsync(ct);

        Assert.Equal(2, deploymentFeed.Count);
        Assert.Equal(1, hostFeed.Count);
    }

    [Fact]
    public async Task Retention_runs_on_the_first_tick_and_again_after_five_minutes()
    {
        var ct = TestContext.Current.CancellationToken;
        await using (var db = _db.CreateContext())
        {
            db.MetricSamples.Add(Row(T0.AddDays(-2), MetricResolution.TenSeconds));
            db.MetricSamples.Add(Row(T0.AddDays(-40), MetricResolution.FiveMinutes));
            await db.SaveChangesAsync(ct);
        }

        var sampler = Sampler();
        await sampler.SampleOnceAsync(ct);

        var afterFirst = await Rows(ct);
        var folded = Assert.Single(afterFirst);
        Assert.Equal((T0.AddDays(-2), MetricResolution.FiveMinutes), (folded.Timestamp, folded.Resolution));

        await using (var db = _db.CreateContext())
        {
            db.MetricSamples.Add(Row(T0.AddDays(-3), MetricResolution.TenSeconds));
            await db.SaveChangesAsync(ct);
        }

        _time.Advance(TimeSpan.FromMinutes(4));
        await sampler.SampleOnceAsync(ct);
        Assert.Contains(await Rows(ct), r => r.Resolution == MetricResolution.TenSeconds && r.Timestamp == T0.AddDays(-3));

        _time.Advance(TimeSpan.FromMinutes(1));
        await sampler.SampleOnceAsync(ct);
        Assert.DoesNotContain(await Rows(ct), r => r.Resolution == MetricResolution.TenSeconds && r.Timestamp == T0.AddDays(-3));
    }

    [Fact]
    public async Task The_hosted_loop_publishes_once_per_second_and_a_stalled_subscriber_holds_nobody_up()
    {
        var ct = TestContext.Current.CancellationToken;
        var sampler = Sampler();
        using var stalledSubscription = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var stalled = _broadcaster.SubscribeHost(stalledSubscription.Token);
        var reader = _broadcaster.SubscribeHost(ct);

        await sampler.StartAsync(ct);
        try
        {
            await _host.FirstRead.Task.WaitAsync(ct);
            for (var t = 1; t <= 25; t++)
            {
                _time.Advance(TimeSpan.FromSeconds(1));
                var sample = await reader.ReadAsync(ct);
                Assert.Equal(T0.AddSeconds(t), sample.At);
            }
        }
        finally
        {
            await sampler.StopAsync(ct);
        }

        Assert.Equal(MetricsBroadcaster.BufferedSamples, stalled.Count);
        Assert.True(stalled.TryPeek(out var oldest));
        Assert.Equal(T0.AddSeconds(16), oldest.At);

        // Seconds 1..9 and 10..19 are complete buckets; 20..25 is written on stop.
        var hostRows = (await Rows(ct)).Where(r => r.SeriesKey == MetricSeries.Host).Select(r => r.Timestamp).Order();
        Assert.Equal([T0, T0.AddSeconds(10), T0.AddSeconds(20)], hostRows);
    }

    private async Task<List<MetricSample>> Rows(CancellationToken ct)
    {
        await using var db = _db.CreateContext();
        return await db.MetricSamples.AsNoTracking().ToListAsync(ct);
    }

    private static MetricSample Row(DateTimeOffset at, MetricResolution resolution) => new()
    {
        SeriesKey = MetricSeries.Host,
        Resolution = resolution,
        Timestamp = at,
        CpuPercent = 1,
    };
}
