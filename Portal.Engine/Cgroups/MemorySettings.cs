using Portal.Engine.Errors;

namespace Portal.Engine.Cgroups;

/// <summary>
/// Docker's Memory/MemorySwap pair checked once for both versions. <see cref="MemoryPlusSwap"/> is the
/// v1 memsw meaning (memory + swap); null means unlimited for either.
/// </summary>
internal readonly record struct MemorySettings(long? Memory, long? MemoryPlusSwap)
{
    public static MemorySettings From(ResourceLimits limits)
    {
        if (limits.MemoryBytes < 0)
        {
            throw new InvalidArgumentException($"memory limit {limits.MemoryBytes}: must not be negative");
        }

        var memory = limits.MemoryBytes is > 0 ? limits.MemoryBytes : null;
        switch (limits.MemorySwapBytes)
        {
            case null or 0 or -1:
                return new MemorySettings(memory, null);
            case < -1:
                throw new InvalidArgumentException($"memory+swap limit {limits.MemorySwapBytes}: must be -1 (unlimited) or positive");
            case var swap when memory is null:
                throw new InvalidArgumentException($"memory+swap limit {swap}: a memory limit must be set with it");
            case var swap when swap < memory:
                throw new InvalidArgumentException($"memory+swap limit {swap}: must be at least the memory limit {memory}");
            case var swap:
                return new MemorySettings(memory, swap);
        }
    }

    /// <summary>v2 memory.swap.max: swap alone (runc's ConvertMemorySwapToCgroupV2Value).</summary>
    public long? SwapOnly => MemoryPlusSwap - Memory;
}
