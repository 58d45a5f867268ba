namespace Portal.Engine.Cgroups;

/// <summary>
/// Limits as Docker's HostConfig carries them. Null or 0 means "no limit" (Docker's convention), except
/// <see cref="PidsLimit"/> where &lt;= 0 means unlimited.
/// </summary>
public sealed record ResourceLimits
{
    public long? MemoryBytes { get; init; }
    /// <summary>Memory plus swap, Docker's MemorySwap (-1 = unlimited swap).</summary>
    public long? MemorySwapBytes { get; init; }
    /// <summary>CPUs in billionths (Docker's NanoCpus): 500_000_000 = half a core.</summary>
    public long? NanoCpus { get; init; }
    public long? CpuQuotaMicros { get; init; }
    public long? CpuPeriodMicros { get; init; }
    /// <summary>Relative weight, 2..262144, Docker's CpuShares (1024 = default).</summary>
    public long? CpuShares { get; init; }
    public long? PidsLimit { get; init; }

    public static ResourceLimits None { get; } = new();
}
