namespace Portal.Server.Metrics;

/// <summary>An interface's cumulative receive and transmit byte counters (/proc/net/dev).</summary>
public readonly record struct InterfaceBytes(ulong RxBytes, ulong TxBytes);
