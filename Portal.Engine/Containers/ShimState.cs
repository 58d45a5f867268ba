namespace Portal.Engine.Containers;

/// <summary>
/// A running container's monitor as recorded in its state directory: the shim (stage1) pid, the host
/// pid of the container's PID 1, and the shim's start time in clock ticks since boot (field 22 of
/// /proc/&lt;pid&gt;/stat) so that a recycled pid is never mistaken for the shim after a restart.
/// </summary>
public sealed record ShimState(int ShimPid, ulong ShimStartTicks, int InitPid, DateTimeOffset StartedAt);
