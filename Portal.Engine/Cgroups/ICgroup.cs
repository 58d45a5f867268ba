namespace Portal.Engine.Cgroups;

/// <summary>One container's cgroup, on whichever hierarchy the host has.</summary>
public interface ICgroup
{
    string Name { get; }
    /// <summary>The cgroup.procs files a process writes its pid into to join (one per v1 controller, one on v2).</summary>
    IReadOnlyList<string> ProcsFiles { get; }
    void Apply(ResourceLimits limits);
    CgroupStats ReadStats();
    /// <summary>Pids of every process in the cgroup, as the host sees them.</summary>
    IReadOnlyList<int> GetPids();
    /// <summary>SIGKILLs every process in it (cgroup.kill on v2, a pid sweep on v1) and returns once it is empty.</summary>
    Task KillAllAsync(CancellationToken cancellationToken = default);
    /// <summary>Removes the cgroup directories; retries briefly while the kernel drains exiting tasks.</summary>
    Task RemoveAsync(CancellationToken cancellationToken = default);
}
