namespace Portal.Engine.Cgroups;

/// <summary>
/// The host's cgroup hierarchy, v1 or v2, picked once at startup (statfs of /sys/fs/cgroup ==
/// CGROUP2_SUPER_MAGIC means unified v2). Container cgroups live below one parent named by the engine.
/// </summary>
public interface ICgroupManager
{
    CgroupVersion Version { get; }
    /// <summary>Creates (or reuses) the named cgroup and applies the limits.</summary>
    ICgroup Create(string name, ResourceLimits limits);
    /// <summary>Opens an existing cgroup (re-adoption after a restart); null when it does not exist.</summary>
    ICgroup? Open(string name);
}
