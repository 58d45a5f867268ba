namespace Portal.Client.Components.Charts;

/// <summary>The newest <see cref="Capacity"/> samples of a live stream, oldest first, as chart points.</summary>
public sealed class LiveSeries(int capacity = LiveSeries.DefaultCapacity)
{
    public const int DefaultCapacity = 300;

    private readonly Queue<MetricPoint> _points = new(capacity > 0 ? capacity : throw new ArgumentOutOfRangeException(nameof(capacity), capacity, "capacity must be positive"));

    public int Capacity => capacity;

    /// <summary>A snapshot, oldest first.</summary>
    public IReadOnlyList<MetricPoint> Points => [.. _points];

    public MetricPoint? Latest { get; private set; }

    public void Add(MetricPoint point)
    {
        ArgumentNullException.ThrowIfNull(point);
        while (_points.Count >= capacity)
        {
            _points.Dequeue();
        }

        _points.Enqueue(point);
        Latest = point;
    }

    public void Clear()
    {
        _points.Clear();
        Latest = null;
    }

    public static MetricPoint From(DeploymentMetrics sample)
    {
        ArgumentNullException.ThrowIfNull(sample);
        return new MetricPoint(sample.At, sample.CpuPercent, sample.MemoryUsedBytes, sample.NetRxBytesPerSecond, sample.NetTxBytesPerSecond,
            sample.DiskReadBytesPerSecond, sample.DiskWriteBytesPerSecond);
    }

    /// <summary>The host sample has no disk rates (its disk is space, not throughput): they are 0.</summary>
    public static MetricPoint From(HostMetrics sample)
    {
        ArgumentNullException.ThrowIfNull(sample);
        return new MetricPoint(sample.At, sample.CpuPercent, sample.MemoryUsedBytes, sample.NetRxBytesPerSecond, sample.NetTxBytesPerSecond, 0, 0);
    }
}
