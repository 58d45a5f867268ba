namespace Portal.Data.Entities;

/// <summary>
/// One interval of a series (<see cref="MetricSeries"/>). Rates and averages over the interval, so a
/// 5-minute sample is the mean of its 10-second samples; the key is (SeriesKey, Resolution, Timestamp).
/// </summary>
public sealed class MetricSample
{
    public required string SeriesKey { get; set; }

    public MetricResolution Resolution { get; set; }

    /// <summary>The interval's start, UTC.</summary>
    public DateTimeOffset Timestamp { get; set; }

    /// <summary>How many 10-second samples this one stands for (1 for raw samples).</summary>
    public int SampleCount { get; set; } = 1;

    /// <summary>Percent of one CPU (200 = two CPUs busy), as docker stats reports it.</summary>
    public double CpuPercent { get; set; }

    public double MemoryBytes { get; set; }

    public double NetRxBytesPerSecond { get; set; }

    public double NetTxBytesPerSecond { get; set; }

    public double DiskReadBytesPerSecond { get; set; }

    public double DiskWriteBytesPerSecond { get; set; }
}
