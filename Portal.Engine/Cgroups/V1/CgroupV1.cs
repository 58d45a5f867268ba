using Microsoft.Extensions.Logging;
using Portal.Engine.Errors;

namespace Portal.Engine.Cgroups.V1;

/// <summary>A container's cgroup on v1: one directory per hierarchy (shared when controllers are co-mounted).</summary>
internal sealed class CgroupV1 : ICgroup
{
    private readonly IReadOnlyDictionary<string, string> _dirs;
    private readonly IReadOnlyList<string> _distinctDirs;
    private readonly ILogger _logger;

    /// <param name="dirs">Controller name → this cgroup's directory in that controller's hierarchy.</param>
    public CgroupV1(string name, IReadOnlyDictionary<string, string> dirs, ILogger logger)
    {
        Name = name;
        _dirs = dirs;
        _logger = logger;
        _distinctDirs = [.. dirs.Values.Distinct(StringComparer.Ordinal)];
        ProcsFiles = [.. _distinctDirs.Select(d => Path.Combine(d, "cgroup.procs"))];
    }

    public string Name { get; }

    public IReadOnlyList<string> ProcsFiles { get; }

    /// <summary>Every hierarchy directory of this cgroup, one per mount.</summary>
    public IReadOnlyList<string> Directories => _distinctDirs;

    public void Apply(ResourceLimits limits)
    {
        var memory = MemorySettings.From(limits);
        var cpu = CpuQuota.From(limits);
        if (Dir("memory", memory.Memory is not null) is { } memoryDir)
        {
            MemoryController.Apply(memoryDir, limits, _logger);
        }

        if (Dir("cpu", cpu.QuotaMicros is not null || limits.CpuShares > 0) is { } cpuDir)
        {
            CpuController.Apply(cpuDir, limits, _logger);
        }

        if (Dir("pids", limits.PidsLimit > 0) is { } pidsDir)
        {
            PidsController.Apply(pidsDir, limits, _logger);
        }
    }

    public CgroupStats ReadStats()
    {
        var stats = new CgroupStats();
        stats = _dirs.TryGetValue("cpuacct", out var cpuacct) ? CpuacctController.Read(cpuacct, stats) : stats;
        stats = _dirs.TryGetValue("cpu", out var cpu) ? CpuController.Read(cpu, stats) : stats;
        stats = _dirs.TryGetValue("memory", out var memory) ? MemoryController.Read(memory, stats) : stats;
        stats = _dirs.TryGetValue("pids", out var pids) ? PidsController.Read(pids, stats) : stats;
        return _dirs.TryGetValue("blkio", out var blkio) ? BlkioController.Read(blkio, stats) : stats;
    }

    public IReadOnlyList<int> GetPids() =>
        [.. ProcsFiles.SelectMany(CgroupFiles.ReadPids).Distinct().Order()];

    public Task KillAllAsync(CancellationToken cancellationToken = default)
    {
        _dirs.TryGetValue("freezer", out var freezer);
        return ProcessSweep.KillUntilEmptyAsync(Name, GetPids, async (pids, ct) =>
        {
            if (freezer is null)
            {
                ProcessSweep.SendKill(pids);
                return;
            }

            // Frozen tasks cannot fork, so the pid list read while frozen is complete; they die on thaw.
            await FreezerController.FreezeAsync(freezer, _logger, ct).ConfigureAwait(false);
            try
            {
                ProcessSweep.SendKill(CgroupFiles.ReadPids(Path.Combine(freezer, "cgroup.procs")).Union(pids));
            }
            finally
            {
                FreezerController.Thaw(freezer, _logger);
            }
        }, _logger, cancellationToken);
    }

    public async Task RemoveAsync(CancellationToken cancellationToken = default)
    {
        foreach (var dir in _distinctDirs)
        {
            await CgroupFiles.RemoveDirectoryAsync(dir, _logger, cancellationToken).ConfigureAwait(false);
        }
    }

    private string? Dir(string controller, bool required) =>
        _dirs.TryGetValue(controller, out var dir) ? dir
        : required ? throw new EngineException($"cgroup {Name}: a {controller} limit is set but the host has no {controller} cgroup hierarchy")
        : null;
}
