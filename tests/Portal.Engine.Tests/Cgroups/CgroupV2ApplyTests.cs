using Portal.Engine.Cgroups;
using Portal.Engine.Cgroups.V2;
using Portal.Engine.Errors;

namespace Portal.Engine.Tests.Cgroups;

// This host's cgroup2 mount has no usable controllers (hybrid mode), so v2 is proven against fixture trees.
public sealed class CgroupV2ApplyTests : IDisposable
{
    private readonly CgroupTree _tree = new();

    public CgroupV2ApplyTests()
    {
        _tree.Dir("", ("cgroup.controllers", "cpuset cpu io memory hugetlb pids rdma misc\n"), ("cgroup.subtree_control", ""));
        _tree.Dir("portal", ("cgroup.controllers", "cpu io memory pids\n"), ("cgroup.subtree_control", ""));
        _tree.Dir("portal/c1", ("memory.max", "max\n"), ("memory.swap.max", "max\n"), ("cpu.max", "max 100000\n"),
            ("cpu.weight", "100\n"), ("pids.max", "max\n"), ("cgroup.procs", ""));
    }

    public void Dispose() => _tree.Dispose();

    private ICgroup Create(ResourceLimits limits) => new CgroupV2Manager(_tree.Root, "portal").Create("c1", limits);

    [Fact]
    public void Create_enables_controllers_down_the_parent_path()
    {
        Create(ResourceLimits.None);

        Assert.Equal("+cpu +memory +pids +io", _tree.Read("cgroup.subtree_control"));
        Assert.Equal("+cpu +memory +pids +io", _tree.Read("portal", "cgroup.subtree_control"));
    }

    [Fact]
    public void Only_controllers_the_host_offers_and_not_yet_enabled_are_enabled()
    {
        _tree.Dir("", ("cgroup.controllers", "cpu memory\n"), ("cgroup.subtree_control", "memory\n"));

        Create(ResourceLimits.None);

        Assert.Equal("+cpu", _tree.Read("cgroup.subtree_control"));
    }

    [Fact]
    public void Nano_cpus_half_a_core_is_50000_of_100000()
    {
        Create(new ResourceLimits { NanoCpus = 500_000_000 });

        Assert.Equal("50000 100000", _tree.Read("portal", "c1", "cpu.max"));
    }

    [Fact]
    public void Cpu_quota_and_period_are_written_as_given()
    {
        Create(new ResourceLimits { CpuQuotaMicros = 25_000, CpuPeriodMicros = 50_000 });

        Assert.Equal("25000 50000", _tree.Read("portal", "c1", "cpu.max"));
    }

    [Fact]
    public void No_limits_write_unlimited_values()
    {
        _tree.Dir("portal/c1", ("memory.max", "1"), ("memory.swap.max", "1"), ("cpu.max", "1 1"), ("pids.max", "1"));

        Create(new ResourceLimits { PidsLimit = 0 });

        Assert.Equal("max", _tree.Read("portal", "c1", "memory.max"));
        Assert.Equal("max", _tree.Read("portal", "c1", "memory.swap.max"));
        Assert.Equal("max 100000", _tree.Read("portal", "c1", "cpu.max"));
        Assert.Equal("max", _tree.Read("portal", "c1", "pids.max"));
    }

    [Fact]
    public void Cpu_shares_1024_is_weight_100()
    {
        Create(new ResourceLimits { CpuShares = 1024 });

        Assert.Equal("100", _tree.Read("portal", "c1", "cpu.weight"));
    }

    [Fact]
    public void Unset_cpu_shares_leave_the_weight_alone()
    {
        _tree.Dir("portal/c1", ("cpu.weight", "42"));

        Create(new ResourceLimits { CpuShares = 0 });

        Assert.Equal("42", _tree.Read("portal", "c1", "cpu.weight"));
    }

    [Fact]
    public void Memory_and_swap_become_memory_max_and_swap_alone()
    {
        Create(new ResourceLimits { MemoryBytes = 32 << 20, MemorySwapBytes = 96 << 20 });

        Assert.Equal("33554432", _tree.Read("portal", "c1", "memory.max"));
        Assert.Equal("67108864", _tree.Read("portal", "c1", "memory.swap.max"));
    }

    [Fact]
    public void Swap_minus_one_is_unlimited_swap()
    {
        Create(new ResourceLimits { MemoryBytes = 32 << 20, MemorySwapBytes = -1 });

        Assert.Equal("33554432", _tree.Read("portal", "c1", "memory.max"));
        Assert.Equal("max", _tree.Read("portal", "c1", "memory.swap.max"));
    }

    [Fact]
    public void Pids_limit_is_written()
    {
        Create(new ResourceLimits { PidsLimit = 10 });

        Assert.Equal("10", _tree.Read("portal", "c1", "pids.max"));
    }

    [Fact]
    public void A_requested_limit_whose_file_is_missing_names_the_file()
    {
        File.Delete(_tree.Path("portal", "c1", "pids.max"));

        var ex = Assert.Throws<Portal.Engine.Interop.LinuxException>(() => Create(new ResourceLimits { PidsLimit = 5 }));

        Assert.Contains("pids.max", ex.Message, StringComparison.Ordinal);
        Assert.Contains("ENOENT", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("..")]
    [InlineData("a/b")]
    [InlineData("")]
    public void Names_that_leave_the_parent_are_refused(string name)
    {
        var ex = Assert.Throws<InvalidArgumentException>(() => new CgroupV2Manager(_tree.Root, "portal").Create(name, ResourceLimits.None));
        Assert.Contains("invalid cgroup name", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_finds_an_existing_cgroup_and_null_for_a_missing_one()
    {
        var manager = new CgroupV2Manager(_tree.Root, "portal");

        Assert.Equal(_tree.Path("portal", "c1", "cgroup.procs"), Assert.Single(manager.Open("c1")!.ProcsFiles));
        Assert.Null(manager.Open("c2"));
    }
}
