namespace Portal.Client.Components.Charts;

public enum MetricKind
{
    Cpu,
    Memory,
    Network,
    Disk,
}
