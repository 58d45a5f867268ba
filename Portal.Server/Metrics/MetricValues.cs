using Portal.Data.Entities;

namespace Portal.Server.Metrics;

/// <summary>The stored columns of one sample, summable so a bucket's mean is its sum divided by its count.</summary>
public readonly record struct MetricValues(
    double CpuPercent,
    double MemoryBytes,
    double NetRxBytesPerSecond,
    double NetTxBytesPerSecond,
    double DiskReadBytesPerSecond,
    double DiskWriteBytesPerSecond)
{
    public static MetricValues From(HostMetrics host)
    {
        ArgumentNullException.ThrowIfNull(host);
        return new(host.CpuPercent, host.MemoryUsedBytes, host.NetRxBytesPerSecond, host.NetTxBytesPerSecond, 0, 0);
    }

    public static MetricValues From(DeploymentMetrics deployment)
    {
        ArgumentNullException.ThrowIfNull(deployment);
        return new(deployment.CpuPercent, deployment.MemoryUsedBytes, deployment.NetRxBytesPerSecond, deployment.NetTxBytesPerSecond,
            deployment.DiskReadBytesPerSecond, deployment.DiskWriteBytesPerSecond);
    }

    public static MetricValues From(MetricSample sample)
    {
        ArgumentNullException.ThrowIfNull(sample);
        return new(sample.CpuPercent, sample.MemoryBytes, sample.NetRxBytesPerSecond, sample.NetTxBytesPerSecond,
            sample.DiskReadBytesPerSecond, sample.DiskWriteBytesPerSecond);
    }

    public static MetricValues operator +(MetricValues a, MetricValues b) => new(
        a.CpuPercent + b.CpuPercent,
        a.MemoryBytes + b.MemoryBytes,
        a.NetRxBytesPerSecond + b.NetRxBytesPerSecond,
        a.NetTxBytesPerSecond + b.NetTxBytesPerSecond,
        a.DiskReadBytesPerSecond + b.DiskReadBytesPerSecond,
        a.DiskWriteBytesPerSecond + b.DiskWriteBytesPerSecond);

    public MetricValues Scale(double factor) => new(
        CpuPercent * factor,
        MemoryBytes * factor,
        NetRxBytesPerSecond * factor,
        NetTxBytesPerSecond * factor,
        DiskReadBytesPerSecond * factor,
        DiskWriteBytesPerSecond * factor);

    public MetricValues Divide(double count) => Scale(1 / count);

    public MetricSample ToSample(string seriesKey, DateTimeOffset bucket, MetricResolution resolution = MetricResolution.TenSeconds, int sampleCount = 1) => new()
    {
        SeriesKey = seriesKey,
        Resolution = resolution,
        Timestamp = bucket,
        SampleCount = sampleCount,
        CpuPercent = CpuPercent,
        MemoryBytes = MemoryBytes,
        NetRxBytesPerSecond = NetRxBytesPerSecond,
        NetTxBytesPerSecond = NetTxBytesPerSecond,
        DiskReadBytesPerSecond = DiskReadBytesPerSecond,
        DiskWriteBytesPerSecond = DiskWriteBytesPerSecond,
    };
}
