namespace Portal.Client.Components.Charts;

/// <summary>Placeholder (the chart helper's version replaces it): the newest points of a live stream, oldest first.</summary>
public sealed class LiveSeries(int capacity = 300)
{
    private readonly List<MetricPoint> _points = [];

    public IReadOnlyList<MetricPoint> Points => _points;

    public void Add(MetricPoint point)
    {
        _points.Add(point);
        if (_points.Count > capacity)
        {
            _points.RemoveAt(0);
        }
    }

    public static MetricPoint From(HostMetrics sample)
    {
        ArgumentNullException.ThrowIfNull(sample);
        return new MetricPoint(sample.At, sample.CpuPercent, sample.MemoryUsedBytes, sample.NetRxBytesPerSecond, sample.NetTxBytesPerSecond, 0, 0);
    }
}
