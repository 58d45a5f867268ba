namespace Portal.Client.Components.Charts;

/// <summary>What a <see cref="MetricChart"/> plots: the fields of <see cref="MetricPoint"/> it reads and their unit.</summary>
public enum MetricKind
{
    /// <summary><see cref="MetricPoint.CpuPercent"/>, in percent of one CPU.</summary>
    Cpu,

    /// <summary><see cref="MetricPoint.MemoryBytes"/>, in bytes (shown as KiB/MiB/GiB).</summary>
    Memory,

    /// <summary>Received and sent bytes per second.</summary>
    Network,

    /// <summary>Read and written bytes per second.</summary>
    Disk,
}
