namespace Portal.Client.Contracts;

/// <summary>One point of a history: the interval starting at <see cref="Timestamp"/>, its means and rates.</summary>
public sealed record MetricPoint(
    DateTimeOffset Timestamp,
    double CpuPercent,
    double MemoryBytes,
    double NetRxBytesPerSecond,
    double NetTxBytesPerSecond,
    double DiskReadBytesPerSecond,
    double DiskWriteBytesPerSecond);
