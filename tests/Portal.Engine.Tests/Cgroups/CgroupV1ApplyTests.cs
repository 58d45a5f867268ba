using Portal.Engine.Cgroups;
using Portal.Engine.Cgroups.V1;

namespace Portal.Engine.Tests.Cgroups;

public sealed class CgroupV1ApplyTests : IDisposable
{
    private const string Unlimited = "9223372036854771712";
    private readonly CgroupTree _tree = new();

    public CgroupV1ApplyTests()
    {
        _tree.Dir("memory/portal/c1", ("memory.limit_in_bytes", Unlimited), ("memory.memsw.limit_in_bytes", Unlimited), ("cgroup.procs", ""));
        _tree.Dir("cpu,cpuacct/portal/c1", ("cpu.cfs_period_us", "100000"), ("cpu.cfs_quota_us", "-1"), ("cpu.shares", "1024"), ("cgroup.procs", ""));
        _tree.Dir("pids/portal/c1", ("pids.max", "max"), ("cgroup.procs", ""));
        _tree.Dir("freezer/portal/c1", ("freezer.state", "THAWED"), ("cgroup.procs", ""));
    }

    public void Dispose() => _tree.Dispose();

    private CgroupV1Manager Manager() => new(new Dictionary<string, string>
    {
        ["memory"] = _tree.Path("memory"),
        ["cpu"] = _tree.Path("cpu,cpuacct"),
        ["cpuacct"] = _tree.Path("cpu,cpuacct"),
        ["cpuset"] = _tree.Path("cpuset"),
        ["pids"] = _tree.Path("pids"),
        ["freezer"] = _tree.Path("freezer"),
    }, "portal");

    [Fact]
    public void Procs_files_are_one_per_mount_and_cpuset_is_not_joined()
    {
        var cgroup = Manager().Create("c1", ResourceLimits.None);

        Assert.Equal(
            new[] { "memory", "cpu,cpuacct", "pids", "freezer" }.Select(m => _tree.Path(m, "portal", "c1", "cgroup.procs")).Order(),
            cgroup.ProcsFiles.Order());
        Assert.False(Directory.Exists(_tree.Path("cpuset", "portal")));
    }

    [Fact]
    public void Nano_cpus_half_a_core_is_quota_50000_period_100000()
    {
        Manager().Create("c1", new ResourceLimits { NanoCpus = 500_000_000, CpuShares = 512 });

        Assert.Equal("50000", _tree.Read("cpu,cpuacct", "portal", "c1", "cpu.cfs_quota_us"));
        Assert.Equal("100000", _tree.Read("cpu,cpuacct", "portal", "c1", "cpu.cfs_period_us"));
        Assert.Equal("512", _tree.Read("cpu,cpuacct", "portal", "c1", "cpu.shares"));
    }

    [Fact]
    public void No_limits_are_minus_one_and_max()
    {
        _tree.Dir("cpu,cpuacct/portal/c1", ("cpu.cfs_quota_us", "20000"));
        _tree.Dir("pids/portal/c1", ("pids.max", "7"));

        Manager().Create("c1", new ResourceLimits { PidsLimit = 0 });

        Assert.Equal("-1", _tree.Read("cpu,cpuacct", "portal", "c1", "cpu.cfs_quota_us"));
        Assert.Equal("-1", _tree.Read("memory", "portal", "c1", "memory.limit_in_bytes"));
        Assert.Equal("-1", _tree.Read("memory", "portal", "c1", "memory.memsw.limit_in_bytes"));
        Assert.Equal("max", _tree.Read("pids", "portal", "c1", "pids.max"));
    }

    [Fact]
    public void Memory_32m_with_swap_sets_both_limits()
    {
        Manager().Create("c1", new ResourceLimits { MemoryBytes = 32 << 20, MemorySwapBytes = 48 << 20, PidsLimit = 10 });

        Assert.Equal("33554432", _tree.Read("memory", "portal", "c1", "memory.limit_in_bytes"));
        Assert.Equal("50331648", _tree.Read("memory", "portal", "c1", "memory.memsw.limit_in_bytes"));
        Assert.Equal("10", _tree.Read("pids", "portal", "c1", "pids.max"));
    }

    [Fact]
    public void Without_swap_accounting_only_the_memory_limit_is_written()
    {
        File.Delete(_tree.Path("memory", "portal", "c1", "memory.memsw.limit_in_bytes"));

        Manager().Create("c1", new ResourceLimits { MemoryBytes = 32 << 20, MemorySwapBytes = 48 << 20 });

        Assert.Equal("33554432", _tree.Read("memory", "portal", "c1", "memory.limit_in_bytes"));
        Assert.False(File.Exists(_tree.Path("memory", "portal", "c1", "memory.memsw.limit_in_bytes")));
    }

    [Fact]
    public void Raising_writes_memsw_before_memory()
    {
        var plan = MemoryController.Plan(currentMemoryLimit: 32 << 20, memory: 128 << 20, memoryPlusSwap: 256 << 20);

        Assert.Equal([(MemoryController.MemswFile, 256L << 20), (MemoryController.LimitFile, 128L << 20)], plan);
    }

    [Fact]
    public void Lowering_writes_memory_before_memsw()
    {
        var plan = MemoryController.Plan(currentMemoryLimit: 64 << 20, memory: 16 << 20, memoryPlusSwap: 24 << 20);

        Assert.Equal([(MemoryController.LimitFile, 16L << 20), (MemoryController.MemswFile, 24L << 20)], plan);
    }

    [Fact]
    public void Unlimited_swap_is_written_first()
    {
        var plan = MemoryController.Plan(currentMemoryLimit: 64 << 20, memory: -1, memoryPlusSwap: -1);

        Assert.Equal(MemoryController.MemswFile, plan[0].File);
    }

    [Fact]
    public void A_limit_for_a_missing_hierarchy_names_it()
    {
        var manager = new CgroupV1Manager(new Dictionary<string, string> { ["memory"] = _tree.Path("memory") }, "portal");

        var ex = Assert.Throws<Portal.Engine.Errors.EngineException>(() => manager.Create("c1", new ResourceLimits { PidsLimit = 3 }));

        Assert.Contains("no pids cgroup hierarchy", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_is_null_when_no_hierarchy_has_the_cgroup()
    {
        Assert.Null(Manager().Open("nope"));
        Assert.NotNull(Manager().Open("c1"));
    }
}
