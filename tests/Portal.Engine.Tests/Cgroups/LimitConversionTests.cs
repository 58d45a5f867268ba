using Portal.Engine.Cgroups;
using Portal.Engine.Errors;
using V2Cpu = Portal.Engine.Cgroups.V2.CpuController;

namespace Portal.Engine.Tests.Cgroups;

public sealed class LimitConversionTests
{
    [Theory]
    [InlineData(0UL, 0UL)]
    [InlineData(1UL, 1UL)]
    [InlineData(2UL, 1UL)]
    [InlineData(1024UL, 100UL)]
    [InlineData(262_144UL, 10_000UL)]
    [InlineData(1_000_000UL, 10_000UL)]
    public void Cpu_shares_convert_to_weight_as_runc_does(ulong shares, ulong weight) =>
        Assert.Equal(weight, V2Cpu.ConvertCpuSharesToWeight(shares));

    [Fact]
    public void Weight_grows_with_shares()
    {
        Assert.True(V2Cpu.ConvertCpuSharesToWeight(512) < 100);
        Assert.True(V2Cpu.ConvertCpuSharesToWeight(2048) > 100);
    }

    [Fact]
    public void Nano_cpus_and_quota_together_are_refused()
    {
        var ex = Assert.Throws<InvalidArgumentException>(() =>
            CpuQuota.From(new ResourceLimits { NanoCpus = 1_000_000_000, CpuQuotaMicros = 50_000 }));
        Assert.Contains("NanoCpus and CpuQuota", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void One_and_a_half_cpus_is_150000_per_100000() =>
        Assert.Equal(new CpuQuota(150_000, 100_000), CpuQuota.From(new ResourceLimits { NanoCpus = 1_500_000_000 }));

    [Fact]
    public void Swap_below_memory_is_refused()
    {
        var ex = Assert.Throws<InvalidArgumentException>(() =>
            MemorySettings.From(new ResourceLimits { MemoryBytes = 64 << 20, MemorySwapBytes = 32 << 20 }));
        Assert.Contains("must be at least the memory limit", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Swap_without_memory_is_refused()
    {
        var ex = Assert.Throws<InvalidArgumentException>(() => MemorySettings.From(new ResourceLimits { MemorySwapBytes = 32 << 20 }));
        Assert.Contains("a memory limit must be set", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Negative_memory_is_refused() =>
        Assert.Throws<InvalidArgumentException>(() => MemorySettings.From(new ResourceLimits { MemoryBytes = -5 }));

    [Fact]
    public void Swap_alone_is_memory_plus_swap_minus_memory()
    {
        var settings = MemorySettings.From(new ResourceLimits { MemoryBytes = 100, MemorySwapBytes = 250 });
        Assert.Equal(150, settings.SwapOnly);
        Assert.Null(MemorySettings.From(new ResourceLimits { MemoryBytes = 100, MemorySwapBytes = -1 }).SwapOnly);
    }
}
