namespace Portal.Client.Contracts;

/// <summary>
/// One 1 Hz sample of a deployment: the sum over its running containers (normally one; two while an upgrade
/// overlaps). <see cref="CpuPercent"/> is in percent of one CPU (200 = two CPUs busy), as docker stats shows it;
/// memory is usage minus inactive file cache, as docker stats shows it; rates are bytes per second.
/// </summary>
public sealed record DeploymentMetrics(
    Guid DeploymentId,
    DateTimeOffset At,
    int Containers,
    double CpuPercent,
    ulong MemoryUsedBytes,
    ulong MemoryLimitBytes,
    double NetRxBytesPerSecond,
    double NetTxBytesPerSecond,
    double DiskReadBytesPerSecond,
    double DiskWriteBytesPerSecond,
    ulong Pids);
