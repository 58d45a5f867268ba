using Portal.Engine.Cgroups;

namespace Portal.Engine.Stats;

/// <summary>Reads one stats sample of a running container from its cgroup and its PID 1's view of the host.</summary>
public interface IStatsCollector
{
    ContainerStats Collect(ICgroup cgroup, CgroupVersion version, int initPid);
}
