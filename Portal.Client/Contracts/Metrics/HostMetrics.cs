namespace Portal.Client.Contracts;

/// <summary>
/// One 1 Hz host sample. <see cref="CpuPercent"/> is in percent of one CPU, like docker stats and
/// <c>MetricSample.CpuPercent</c>: 100 × <see cref="CpuCount"/> means every CPU busy.
/// Rates are bytes per second over the interval since the previous sample.
/// </summary>
public sealed record HostMetrics(
    DateTimeOffset At,
    double CpuPercent,
    int CpuCount,
    ulong MemoryTotalBytes,
    ulong MemoryUsedBytes,
    DiskSpace Disk,
    double NetRxBytesPerSecond,
    double NetTxBytesPerSecond,
    LoadAverage Load,
    TimeSpan Uptime);
