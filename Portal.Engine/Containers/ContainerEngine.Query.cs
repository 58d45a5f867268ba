using Portal.Engine.Cgroups;
using Portal.Engine.Logs;
using Portal.Engine.Stats;

namespace Portal.Engine.Containers;

public sealed partial class ContainerEngine
{
    public Task<ContainerWaitResult> WaitAsync(string idOrName, WaitCondition condition, CancellationToken cancellationToken = default)
    {
        var entry = Resolve(idOrName);
        Task<ContainerWaitResult> task;
        lock (entry)
        {
            task = condition switch
            {
                WaitCondition.NextExit => entry.NextExit.Task,
                WaitCondition.Removed => entry.Removed.Task,
                _ => entry.Record.State.Running
                    ? entry.NextExit.Task
                    : Task.FromResult(new ContainerWaitResult(entry.Record.State.ExitCode, null)),
            };
        }

        return task.WaitAsync(cancellationToken);
    }

    public Task<ContainerDetails> InspectAsync(string idOrName, CancellationToken cancellationToken = default) =>
        Task.FromResult(ToDetails(Resolve(idOrName)));

    public Task<IReadOnlyList<ContainerDetails>> ListAsync(bool all, CancellationToken cancellationToken = default)
    {
        IReadOnlyList<ContainerDetails> list = _containers.Values
            .Select(ToDetails)
            .Where(c => all || c.State.Running)
            .OrderByDescending(c => c.Created)
            .ToList();
        return Task.FromResult(list);
    }

    public IAsyncEnumerable<LogEntry> GetLogsAsync(string idOrName, LogReadOptions options, CancellationToken cancellationToken = default)
    {
        var entry = Resolve(idOrName);
        Task ended;
        lock (entry)
        {
            // A created container is followed until its first run ends (attach comes before start).
            ended = entry.Record.State.Status is ContainerStatus.Exited or ContainerStatus.Dead
                || (entry.Record.State.Status == ContainerStatus.Created && entry.Record.State.Error.Length > 0)
                ? Task.CompletedTask
                : entry.NextExit.Task;
        }

        return _logs.ReadAsync(_store.LogPathOf(entry.Record.Id), options, ended, cancellationToken);
    }

    public Task<ContainerStats> GetStatsAsync(string idOrName, CancellationToken cancellationToken = default)
    {
        var entry = Resolve(idOrName);
        ICgroup? cgroup;
        int pid;
        lock (entry)
        {
            cgroup = entry.Cgroup;
            pid = entry.Record.State.Pid;
        }

        if (cgroup is not null && pid > 0)
        {
            try
            {
                return Task.FromResult(_stats.Collect(cgroup, _cgroups.Version, pid));
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // The container exited between the check and the read: report it as stopped.
            }
        }

        return Task.FromResult(new ContainerStats
        {
            Read = _time.GetUtcNow(),
            CgroupVersion = _cgroups.Version,
            Cgroup = new CgroupStats(),
            SystemCpuUsageNs = 0,
            OnlineCpus = 0,
            MemoryLimit = 0,
        });
    }

    private ContainerDetails ToDetails(ContainerEntry entry)
    {
        lock (entry)
        {
            var r = entry.Record;
            return new ContainerDetails
            {
                Id = r.Id,
                Name = r.Name,
                Created = r.Created,
                ImageId = r.ImageId,
                Config = r.Config,
                State = r.State,
                Resources = r.Resources,
                RestartPolicy = r.RestartPolicy,
                AutoRemove = r.AutoRemove,
                RestartCount = r.RestartCount,
                Args = r.Args,
                LogPath = _store.LogPathOf(r.Id),
                NetworkMode = r.NetworkMode,
                PortBindings = r.PortBindings,
                NetworkSettings = r.NetworkSettings,
                AdditionalNetworkSettings = r.AdditionalNetworkSettings,
                Networks = NetworkModes.EndpointsOf(r),
                Mounts = MountsWithSources(r),
                CapAdd = r.CapAdd,
                CapDrop = r.CapDrop,
                ReadonlyRootfs = r.ReadonlyRootfs,
                Tmpfs = r.Tmpfs,
            };
        }
    }
}
