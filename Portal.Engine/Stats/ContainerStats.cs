using Portal.Engine.Cgroups;

namespace Portal.Engine.Stats;

/// <summary>
/// One sample of a container's resource use with what the docker CLI needs to compute CPU %:
/// <see cref="SystemCpuUsageNs"/> is the host's /proc/stat total (first 7 fields of "cpu", in ns),
/// <see cref="OnlineCpus"/> the CPUs this process may run on. Memory limit is host RAM when unlimited.
/// </summary>
public sealed record ContainerStats
{
    public required DateTimeOffset Read { get; init; }
    public required CgroupVersion CgroupVersion { get; init; }
    public required CgroupStats Cgroup { get; init; }
    public required ulong SystemCpuUsageNs { get; init; }
    public required uint OnlineCpus { get; init; }
    /// <summary>Effective memory limit: the cgroup's, or the host's RAM when none is set.</summary>
    public required ulong MemoryLimit { get; init; }
    public IReadOnlyDictionary<string, NetworkCounters> Networks { get; init; } = new Dictionary<string, NetworkCounters>();
}
