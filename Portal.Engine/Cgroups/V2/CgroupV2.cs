using Microsoft.Extensions.Logging;

namespace Portal.Engine.Cgroups.V2;

/// <summary>A container's cgroup in the unified hierarchy: one directory holds every controller.</summary>
internal sealed class CgroupV2 : ICgroup
{
    private readonly ILogger _logger;

    public CgroupV2(string name, string path, ILogger logger)
    {
        Name = name;
        Path = path;
        _logger = logger;
        ProcsFiles = [System.IO.Path.Combine(path, "cgroup.procs")];
    }

    public string Name { get; }

    public string Path { get; }

    public IReadOnlyList<string> ProcsFiles { get; }

    public void Apply(ResourceLimits limits)
    {
        MemoryController.Apply(Path, limits, _logger);
        CpuController.Apply(Path, limits, _logger);
        PidsController.Apply(Path, limits, _logger);
    }

    public CgroupStats ReadStats()
    {
        var stats = CpuController.Read(Path, new CgroupStats());
        stats = MemoryController.Read(Path, stats);
        stats = PidsController.Read(Path, stats);
        return IoController.Read(Path, stats);
    }

    public IReadOnlyList<int> GetPids() => CgroupFiles.ReadPids(ProcsFiles[0]);

    public Task KillAllAsync(CancellationToken cancellationToken = default)
    {
        var killFile = System.IO.Path.Combine(Path, "cgroup.kill");
        if (File.Exists(killFile))
        {
            return ProcessSweep.KillUntilEmptyAsync(Path, GetPids, (_, _) =>
            {
                CgroupFiles.Write(killFile, "1", _logger);
                return Task.CompletedTask;
            }, _logger, cancellationToken);
        }

        // cgroup.kill arrived in Linux 5.14; before it, freeze (5.2+) so nothing forks while the pids are killed.
        var freezeFile = System.IO.Path.Combine(Path, "cgroup.freeze");
        var canFreeze = File.Exists(freezeFile);
        return ProcessSweep.KillUntilEmptyAsync(Path, GetPids, (pids, _) =>
        {
            if (canFreeze)
            {
                CgroupFiles.Write(freezeFile, "1", _logger);
            }

            ProcessSweep.SendKill(pids);
            if (canFreeze)
            {
                CgroupFiles.Write(freezeFile, "0", _logger);
            }

            return Task.CompletedTask;
        }, _logger, cancellationToken);
    }

    public Task RemoveAsync(CancellationToken cancellationToken = default) => CgroupFiles.RemoveDirectoryAsync(Path, _logger, cancellationToken);
}
