namespace Portal.Server.Metrics;

/// <summary>The aggregate "cpu" line of /proc/stat in USER_HZ ticks: every state, and the idle ones (idle + iowait).</summary>
public readonly record struct CpuTimes(ulong TotalTicks, ulong IdleTicks);
