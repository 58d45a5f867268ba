using Portal.Engine.Cgroups;
using Portal.Engine.Stats;

namespace Portal.Engine.Tests.Containers;

internal sealed class FakeStats : IStatsCollector
{
    public ContainerStats Collect(ICgroup cgroup, CgroupVersion version, int initPid) => new()
    {
        Read = DateTimeOffset.UtcNow,
        CgroupVersion = version,
        Cgroup = cgroup.ReadStats(),
        SystemCpuUsageNs = 1,
        OnlineCpus = 2,
        MemoryLimit = 1 << 30,
    };
}
