using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Portal.Engine.Cgroups.V1;
using Portal.Engine.Cgroups.V2;
using Portal.Engine.Interop;

namespace Portal.Engine.Cgroups;

/// <summary>Picks the host's cgroup version once and builds the matching manager.</summary>
public static class CgroupManagerFactory
{
    public const string DefaultRoot = "/sys/fs/cgroup";

    /// <summary>
    /// Unified (v2) only when /sys/fs/cgroup itself is a cgroup2 filesystem. Hybrid hosts (tmpfs with v1
    /// hierarchies and a controller-less cgroup2 at /sys/fs/cgroup/unified) are v1, as runc decides.
    /// </summary>
    public static unsafe CgroupVersion Detect(string root = DefaultRoot)
    {
        var buffer = stackalloc byte[Native.StatfsBufferSize];
        if (Native.statfs(root, buffer) != 0)
        {
            throw LinuxException.FromLastError("statfs", root);
        }

        return *(long*)buffer == Native.CGROUP2_SUPER_MAGIC ? CgroupVersion.V2 : CgroupVersion.V1;
    }

    /// <summary>The manager for this host: detection on /sys/fs/cgroup, v1 hierarchies from /proc/self/mountinfo.</summary>
    public static ICgroupManager Create(EngineOptions options, ILogger? logger = null) =>
        Create(options, Detect(DefaultRoot), DefaultRoot, MountInfo.DefaultPath, logger);

    /// <param name="version">The detected (or, in tests, assumed) version.</param>
    /// <param name="root">The cgroup2 mount for v2.</param>
    /// <param name="mountInfoPath">Where v1 hierarchies are looked up.</param>
    public static ICgroupManager Create(EngineOptions options, CgroupVersion version, string root, string mountInfoPath, ILogger? logger = null)
    {
        logger ??= NullLogger.Instance;
        ICgroupManager manager = version == CgroupVersion.V2
            ? new CgroupV2Manager(root, options.CgroupParent, logger)
            : CgroupV1Manager.FromMountInfo(mountInfoPath, options.CgroupParent, logger);
        CgroupLog.Selected(logger, version, options.CgroupParent);
        return manager;
    }
}
