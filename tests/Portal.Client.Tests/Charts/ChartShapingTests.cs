using Portal.Client.Components.Charts;

namespace Portal.Client.Tests.Charts;

public sealed class ChartShapingTests
{
    private static readonly DateTimeOffset T0 = new(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private static MetricPoint Point(int second, double cpu = 0, double memory = 0, double rx = 0, double tx = 0) =>
        new(T0.AddSeconds(second), cpu, memory, rx, tx, 0, 0);

    [Theory]
    [InlineData(MetricKind.Memory, 512, "512 B")]
    [InlineData(MetricKind.Memory, 1536, "1.5 KiB")]
    [InlineData(MetricKind.Memory, 256.0 * 1024 * 1024, "256 MiB")]
    [InlineData(MetricKind.Memory, 3.25 * 1024 * 1024 * 1024, "3.25 GiB")]
    [InlineData(MetricKind.Network, 2048, "2 KiB/s")]
    [InlineData(MetricKind.Disk, 0, "0 B/s")]
    [InlineData(MetricKind.Cpu, 12.345, "12.3 %")]
    [InlineData(MetricKind.Cpu, 250, "250 %")]
    public void Values_are_formatted_in_a_readable_unit(MetricKind kind, double value, string shown) =>
        Assert.Equal(shown, ChartShaping.Format(value, kind));

    [Fact]
    public void One_unit_for_the_chart_chosen_by_its_largest_value()
    {
        var shape = ChartShaping.Shape([Point(0, memory: 512 * 1024), Point(1, memory: 2.0 * 1024 * 1024)], MetricKind.Memory, TimeZoneInfo.Utc);

        Assert.Equal("MiB", shape.Unit);
        Assert.Equal(1024 * 1024, shape.Scale);
        Assert.Equal([0.5, 2.0], shape.Series.Single().Values);
        Assert.Equal("Latest: memory 2 MiB.", shape.Summary);
    }

    [Fact]
    public void Network_plots_received_and_sent_as_two_series()
    {
        var shape = ChartShaping.Shape([Point(0, rx: 1024, tx: 10), Point(1, rx: 4096, tx: 20)], MetricKind.Network, TimeZoneInfo.Utc);

        Assert.Equal(["Received", "Sent"], shape.Series.Select(s => s.Name));
        Assert.Equal("KiB/s", shape.Unit);
        Assert.Equal([1.0, 4.0], shape.Series[0].Values);
        Assert.Equal("Latest: received 4 KiB/s, sent 20 B/s.", shape.Summary);
    }

    [Fact]
    public void Missing_samples_become_gaps_one_per_missing_interval()
    {
        var shape = ChartShaping.Shape([Point(0, cpu: 1), Point(10, cpu: 2), Point(20, cpu: 3), Point(50, cpu: 4), Point(60, cpu: 5)], MetricKind.Cpu, TimeZoneInfo.Utc);

        Assert.Equal([1, 2, 3, null, null, 4, 5], shape.Series.Single().Values);
        Assert.Equal(7, shape.Labels.Count);
    }

    [Fact]
    public void Points_arrive_in_any_order_and_are_plotted_by_time()
    {
        var shape = ChartShaping.Shape([Point(2, cpu: 3), Point(0, cpu: 1), Point(1, cpu: 2)], MetricKind.Cpu, TimeZoneInfo.Utc);

        Assert.Equal([1, 2, 3], shape.Series.Single().Values);
        Assert.Equal("Latest: cpu 3 %.", shape.Summary);
    }

    [Fact]
    public void Long_series_are_averaged_down_and_labelled_sparsely()
    {
        var points = Enumerable.Range(0, 8400).Select(i => new MetricPoint(T0.AddMinutes(5 * i), i % 2 == 0 ? 10 : 20, 0, 0, 0, 0, 0)).ToList();

        var shape = ChartShaping.Shape(points, MetricKind.Cpu, TimeZoneInfo.Utc);

        Assert.True(shape.Series.Single().Values.Count <= ChartShaping.MaxPoints);
        Assert.All(shape.Series.Single().Values, v => Assert.Equal(15, v));
        Assert.InRange(shape.Labels.Count(l => l.Length > 0), 2, ChartShaping.MaxLabels);
        Assert.Equal("Mar 1 12:00", shape.Labels[0]);
    }

    [Fact]
    public void Label_format_follows_the_span()
    {
        Assert.Equal("12:00:00", ChartShaping.Shape([Point(0), Point(1)], MetricKind.Cpu, TimeZoneInfo.Utc).Labels[0]);
        Assert.Equal("12:00", ChartShaping.Shape([Point(0), Point(3600)], MetricKind.Cpu, TimeZoneInfo.Utc).Labels[0]);
    }

    [Fact]
    public void No_points_is_an_empty_chart_that_says_so()
    {
        var shape = ChartShaping.Shape([], MetricKind.Network, TimeZoneInfo.Utc);

        Assert.True(shape.IsEmpty);
        Assert.Equal("B/s", shape.Unit);
        Assert.Equal("No data yet.", shape.Summary);
    }
}
