namespace Portal.Engine.Stats;

/// <summary>One interface's counters inside the container's network namespace (Docker's "networks" entry).</summary>
public sealed record NetworkCounters(
    ulong RxBytes, ulong RxPackets, ulong RxErrors, ulong RxDropped,
    ulong TxBytes, ulong TxPackets, ulong TxErrors, ulong TxDropped);
