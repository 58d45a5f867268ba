using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Portal.Engine.Cgroups.V2;

/// <summary>
/// Container cgroups at &lt;root&gt;/&lt;parent&gt;/&lt;name&gt; on a unified (v2) host. The controllers a
/// container needs are enabled down the path first: a v2 child only gets the controllers its parent lists
/// in cgroup.subtree_control.
/// </summary>
public sealed class CgroupV2Manager : ICgroupManager
{
    private static readonly string[] WantedControllers = ["cpu", "memory", "pids", "io"];

    private readonly string _root;
    private readonly string _parent;
    private readonly ILogger _logger;
    private readonly Lock _parentLock = new();
    private bool _parentReady;

    /// <param name="root">The cgroup2 mount, /sys/fs/cgroup on a unified host (a temp dir in tests).</param>
    /// <param name="parent">Relative parent of every container cgroup (EngineOptions.CgroupParent).</param>
    public CgroupV2Manager(string root, string parent, ILogger? logger = null)
    {
        _root = root;
        _parent = CgroupFiles.ValidateParent(parent);
        _logger = logger ?? NullLogger.Instance;
    }

    public CgroupVersion Version => CgroupVersion.V2;

    public string ParentPath => Path.Combine(_root, _parent);

    public ICgroup Create(string name, ResourceLimits limits)
    {
        CgroupFiles.ValidateName(name, "name");
        EnsureParent();
        var path = Path.Combine(ParentPath, name);
        Directory.CreateDirectory(path);
        CgroupLog.Created(_logger, path);
        var cgroup = new CgroupV2(name, path, _logger);
        cgroup.Apply(limits);
        return cgroup;
    }

    public ICgroup? Open(string name)
    {
        CgroupFiles.ValidateName(name, "name");
        var path = Path.Combine(ParentPath, name);
        return Directory.Exists(path) ? new CgroupV2(name, path, _logger) : null;
    }

    private void EnsureParent()
    {
        lock (_parentLock)
        {
            if (_parentReady)
            {
                return;
            }

            var dir = _root;
            EnableControllers(dir);
            foreach (var part in _parent.Split('/'))
            {
                dir = Path.Combine(dir, part);
                Directory.CreateDirectory(dir);
                EnableControllers(dir);
            }

            _parentReady = true;
        }
    }

    private void EnableControllers(string dir)
    {
        var available = Words(Path.Combine(dir, "cgroup.controllers"));
        var subtree = Path.Combine(dir, "cgroup.subtree_control");
        var enabled = Words(subtree);
        var missing = WantedControllers.Where(c => available.Contains(c) && !enabled.Contains(c)).ToArray();
        if (missing.Length > 0)
        {
            CgroupFiles.Write(subtree, string.Join(' ', missing.Select(c => "+" + c)), _logger);
        }
    }

    private static HashSet<string> Words(string path) =>
        [.. (CgroupFiles.TryRead(path) ?? "").Split((char[])[' ', '\n'], StringSplitOptions.RemoveEmptyEntries)];
}
