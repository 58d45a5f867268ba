namespace Portal.Server.Metrics;

/// <summary>Reads the host's counters (the real /proc and statfs, or a fake in tests).</summary>
public interface IHostMetricsSource
{
    HostCounters Read(DateTimeOffset at);
}
