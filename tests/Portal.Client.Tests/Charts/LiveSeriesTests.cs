using Portal.Client.Components.Charts;

namespace Portal.Client.Tests.Charts;

public sealed class LiveSeriesTests
{
    private static readonly DateTimeOffset T0 = new(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void The_window_rolls_keeping_the_newest_points_oldest_first()
    {
        var series = new LiveSeries(capacity: 3);

        for (var i = 0; i < 5; i++)
        {
            series.Add(new MetricPoint(T0.AddSeconds(i), i, 0, 0, 0, 0, 0));
        }

        Assert.Equal([2.0, 3.0, 4.0], series.Points.Select(p => p.CpuPercent));
        Assert.Equal(4, series.Latest!.CpuPercent);
    }

    [Fact]
    public void The_default_window_is_300_points()
    {
        var series = new LiveSeries();
        for (var i = 0; i < 400; i++)
        {
            series.Add(new MetricPoint(T0.AddSeconds(i), i, 0, 0, 0, 0, 0));
        }

        Assert.Equal(300, series.Points.Count);
        Assert.Equal(100, series.Points[0].CpuPercent);
    }

    [Fact]
    public void Deployment_and_host_samples_become_points()
    {
        var deployment = LiveSeries.From(new DeploymentMetrics(Guid.NewGuid(), T0, 1, 12.5, 1000, 2000, 10, 20, 30, 40, 7));
        var host = LiveSeries.From(new HostMetrics(T0, 150, 2, 8000, 4000, new DiskSpace(100, 50, 40), 5, 6, new LoadAverage(1, 1, 1), TimeSpan.FromHours(1)));

        Assert.Equal(new MetricPoint(T0, 12.5, 1000, 10, 20, 30, 40), deployment);
        Assert.Equal(new MetricPoint(T0, 150, 4000, 5, 6, 0, 0), host);
    }
}
