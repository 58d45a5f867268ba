using Portal.Server.Metrics;

namespace Portal.Server.Tests.Metrics;

public sealed class MetricsBroadcasterTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 28, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task A_reader_that_never_reads_loses_old_samples_while_another_gets_every_one()
    {
        var broadcaster = new MetricsBroadcaster();
        var ct = TestContext.Current.CancellationToken;
        using var stalled = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var slow = broadcaster.SubscribeHost(stalled.Token);
        var fast = broadcaster.SubscribeHost(ct);

        var received = new List<DateTimeOffset>();
        for (var i = 0; i < 100; i++)
        {
            broadcaster.Publish(Sample(i));
            received.Add((await fast.ReadAsync(ct)).At);
        }

        Assert.Equal(Enumerable.Range(0, 100).Select(i => T0.AddSeconds(i)), received);
        Assert.Equal(MetricsBroadcaster.BufferedSamples, slow.Count);
        var kept = new List<DateTimeOffset>();
        while (slow.TryRead(out var s))
        {
            kept.Add(s.At);
        }

        Assert.Equal(Enumerable.Range(90, 10).Select(i => T0.AddSeconds(i)), kept);
    }

    [Fact]
    public async Task Cancelling_unsubscribes_completes_the_reader_and_frees_the_channel()
    {
        var broadcaster = new MetricsBroadcaster();
        var id = Guid.NewGuid();
        using var cts = new CancellationTokenSource();
        var reader = broadcaster.SubscribeDeployment(id, cts.Token);
        var other = broadcaster.SubscribeDeployment(Guid.NewGuid(), TestContext.Current.CancellationToken);
        Assert.Equal(1, broadcaster.DeploymentSubscribers(id));

        await cts.CancelAsync();

        Assert.Equal(0, broadcaster.DeploymentSubscribers(id));
        Assert.True(reader.Completion.IsCompleted);
        broadcaster.Publish(new DeploymentMetrics(id, T0, 1, 1, 1, 1, 0, 0, 0, 0, 1));
        Assert.False(reader.TryRead(out _));
        Assert.False(other.TryRead(out _));
    }

    private static HostMetrics Sample(int second) =>
        new(T0.AddSeconds(second), second, 2, 100, 50, new DiskSpace(10, 5, 5), 0, 0, new LoadAverage(0, 0, 0), TimeSpan.Zero);
}
