using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Portal.Engine.Cgroups.V1;

/// <summary>
/// Container cgroups at &lt;mount&gt;/&lt;parent&gt;/&lt;name&gt; in every v1 hierarchy the engine joins.
/// cpuset is not joined: a new cpuset cgroup starts with empty cpuset.cpus/mems and refuses tasks until
/// both are copied down from its parent, and the engine sets no cpuset limits.
/// </summary>
public sealed class CgroupV1Manager : ICgroupManager
{
    public static IReadOnlyList<string> JoinedControllers { get; } =
        ["memory", "cpu", "cpuacct", "pids", "blkio", "freezer", "devices"];

    private readonly IReadOnlyDictionary<string, string> _mounts;
    private readonly string _parent;
    private readonly ILogger _logger;

    /// <param name="controllerMounts">Controller name → mount point of its hierarchy ("cpu" and "cpuacct" may share one).</param>
    /// <param name="parent">Relative parent of every container cgroup (EngineOptions.CgroupParent).</param>
    public CgroupV1Manager(IReadOnlyDictionary<string, string> controllerMounts, string parent, ILogger? logger = null)
    {
        _mounts = JoinedControllers.Where(controllerMounts.ContainsKey).ToDictionary(c => c, c => controllerMounts[c], StringComparer.Ordinal);
        _parent = CgroupFiles.ValidateParent(parent);
        _logger = logger ?? NullLogger.Instance;
    }

    /// <summary>Finds the hierarchies in a mountinfo file (/proc/self/mountinfo).</summary>
    public static CgroupV1Manager FromMountInfo(string mountInfoPath, string parent, ILogger? logger = null) =>
        new(MountInfo.V1Controllers(MountInfo.Read(mountInfoPath)), parent, logger);

    public CgroupVersion Version => CgroupVersion.V1;

    /// <summary>The parent directory in each joined hierarchy (deduplicated).</summary>
    public IReadOnlyList<string> ParentPaths =>
        [.. _mounts.Values.Distinct(StringComparer.Ordinal).Select(m => Path.Combine(m, _parent))];

    public ICgroup Create(string name, ResourceLimits limits)
    {
        var cgroup = New(name);
        foreach (var dir in cgroup.Directories)
        {
            Directory.CreateDirectory(dir);
            CgroupLog.Created(_logger, dir);
        }

        cgroup.Apply(limits);
        return cgroup;
    }

    public ICgroup? Open(string name)
    {
        var cgroup = New(name);
        return cgroup.Directories.Any(Directory.Exists) ? cgroup : null;
    }

    private CgroupV1 New(string name)
    {
        CgroupFiles.ValidateName(name, "name");
        return new CgroupV1(name, _mounts.ToDictionary(kv => kv.Key, kv => Path.Combine(kv.Value, _parent, name), StringComparer.Ordinal), _logger);
    }
}
