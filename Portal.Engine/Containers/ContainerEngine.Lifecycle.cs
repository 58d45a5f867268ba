using Microsoft.Extensions.Logging;
using Portal.Engine.Errors;
using Portal.Engine.Interop;
using Portal.Engine.Network;
using Portal.Engine.Spec;

namespace Portal.Engine.Containers;

public sealed partial class ContainerEngine
{
    private static readonly TimeSpan MaxRestartDelay = TimeSpan.FromMinutes(1);

    public async Task<bool> StartAsync(string idOrName, CancellationToken cancellationToken = default)
    {
        var entry = Resolve(idOrName);
        await entry.Gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (entry.Record.State.Status == ContainerStatus.Running)
            {
                return false;
            }

            CancelRestart(entry);
            entry.Record.ManuallyStopped = false;
            await StartLockedAsync(entry, cancellationToken).ConfigureAwait(false);
            return true;
        }
        finally
        {
            entry.Gate.Release();
        }
    }

    public async Task<bool> StopAsync(string idOrName, int? timeoutSeconds = null, string? signal = null, CancellationToken cancellationToken = default)
    {
        var entry = Resolve(idOrName);
        var stopSignal = Signals.Parse(signal ?? entry.Record.Config.StopSignal);
        await entry.Gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await StopLockedAsync(entry, timeoutSeconds, stopSignal, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            entry.Gate.Release();
        }
    }

    public Task KillAsync(string idOrName, string? signal = null, CancellationToken cancellationToken = default)
    {
        var entry = Resolve(idOrName);
        var number = signal is null ? Signals.SIGKILL : Signals.Parse(signal);
        ShimState shim;
        lock (entry)
        {
            if (entry.Record.State.Status != ContainerStatus.Running || entry.Shim is null)
            {
                throw new ConflictException($"Cannot kill container: {idOrName}: container {entry.Record.Id} is not running");
            }

            shim = entry.Shim;
        }

        Publish(entry, "kill", ("signal", number.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        _runtime.Signal(shim, number);
        return Task.CompletedTask;
    }

    public async Task RestartAsync(string idOrName, int? timeoutSeconds = null, CancellationToken cancellationToken = default)
    {
        var entry = Resolve(idOrName);
        await entry.Gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await StopLockedAsync(entry, timeoutSeconds, Signals.Parse(entry.Record.Config.StopSignal), cancellationToken).ConfigureAwait(false);
            entry.Record.ManuallyStopped = false;
            await StartLockedAsync(entry, cancellationToken).ConfigureAwait(false);
            Publish(entry, "restart");
        }
        finally
        {
            entry.Gate.Release();
        }
    }

    public async Task RemoveAsync(string idOrName, bool force, CancellationToken cancellationToken = default)
    {
        var entry = Resolve(idOrName);
        await entry.Gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (!_containers.ContainsKey(entry.Record.Id))
            {
                throw NotFoundException.Container(idOrName);
            }

            if (entry.Record.State.Status == ContainerStatus.Running)
            {
                if (!force)
                {
                    throw new ConflictException(
                        $"You cannot remove a running container {entry.Record.Id}. Stop the container before attempting removal or force remove");
                }

                var exited = entry.NextExit.Task;
                // A container being removed is never restarted: otherwise its exit could schedule a restart that saves
                // the record again after RemoveLocked deleted its directory, and the next engine start would revive it.
                lock (entry)
                {
                    entry.Record.ManuallyStopped = true;
                }

                Publish(entry, "kill", ("signal", "9"));
                if (entry.Shim is { } shim)
                {
                    _runtime.Signal(shim, Signals.SIGKILL);
                }

                await exited.WaitAsync(cancellationToken).ConfigureAwait(false);
            }

            await DetachNetworkAsync(entry).ConfigureAwait(false);
            await RemoveLockedAsync(entry).ConfigureAwait(false);
        }
        finally
        {
            entry.Gate.Release();
        }
    }

    private async Task StartLockedAsync(ContainerEntry entry, CancellationToken cancellationToken)
    {
        var record = entry.Record;
        var cgroup = _cgroups.Create(record.Id, record.Resources);
        ShimState? shim = null;
        ContainerNetworkSettings? network = null;
        var more = new List<ContainerNetworkSettings>();
        try
        {
            var mounts = _snapshotter.Prepare(_store.PathOf(record.Id), _images.GetLayerDirectories(record.ImageId));
            Directory.CreateDirectory(_store.RootfsDirectoryOf(record.Id));
            var endpoints = NetworkModes.EndpointsOf(record);
            for (var index = 0; index < endpoints.Count; index++)
            {
                if (index == 0)
                {
                    network = await Network.AttachAsync(record.Id, endpoints[0], cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    more.Add(await Network.ConnectAsync(record.Id, endpoints[index], index, cancellationToken).ConfigureAwait(false));
                }
            }

            var etc = EtcFiles.Write(_store.PathOf(record.Id), record.Config.Hostname, network?.IPAddress, _options.HostResolvConfPath,
                network is null ? [] : PeersOn([network, .. more], record.Id));
            var spec = BuildSpec(record, mounts, cgroup.ProcsFiles) with { NetworkNamespacePath = network?.SandboxKey, EtcFiles = etc, Volumes = VolumeBinds(record) };
            shim = await _runtime.StartAsync(spec, cancellationToken).ConfigureAwait(false);
            if (network is not null)
            {
                await Network.PublishAsync(record.Id, network, record.PortBindings, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception ex)
        {
            if (shim is not null)
            {
                _runtime.Signal(shim, Signals.SIGKILL);
            }

            await TryCleanupCgroupAsync(record.Id, cgroup).ConfigureAwait(false);
            await DetachNetworkAsync(entry).ConfigureAwait(false);
            var code = ex is ContainerStartException start ? start.ExitCode : 125;
            lock (entry)
            {
                record.State = record.State with { Status = ContainerStatus.Created, ExitCode = code, Error = ex.Message, Pid = 0 };
            }

            Save(entry);
            CompleteExit(entry, new ContainerWaitResult(code, ex.Message));
            if (record.AutoRemove)
            {
                // As Docker: a --rm container that cannot start is removed, which also ends "removed" waits.
                Track(AutoRemoveAsync(entry));
            }

            throw;
        }

        lock (entry)
        {
            entry.Shim = shim;
            entry.Cgroup = cgroup;
            record.NetworkSettings = network;
            record.AdditionalNetworkSettings = more;
            record.State = new ContainerState
            {
                Status = ContainerStatus.Running,
                Pid = shim.InitPid,
                StartedAt = shim.StartedAt,
            };
        }

        Save(entry);
        RefreshPeerHosts(network is null ? [] : [network, .. more], record.Id, left: false);
        EngineLog.Started(_logger, record.Id, shim.InitPid);
        Publish(entry, "start");
        Track(MonitorAsync(entry, shim));
    }

    private async Task<bool> StopLockedAsync(ContainerEntry entry, int? timeoutSeconds, int stopSignal, CancellationToken cancellationToken)
    {
        ShimState shim;
        Task exited;
        lock (entry)
        {
            if (entry.Record.State.Status == ContainerStatus.Restarting)
            {
                CancelRestart(entry);
                entry.Record.ManuallyStopped = true;
                entry.Record.State = entry.Record.State with { Status = ContainerStatus.Exited };
                _store.Save(entry.Record);
                return true;
            }

            if (entry.Record.State.Status != ContainerStatus.Running || entry.Shim is null)
            {
                return false;
            }

            // Set before signalling so the exit is not answered with a restart.
            entry.Record.ManuallyStopped = true;
            shim = entry.Shim;
            exited = entry.NextExit.Task;
        }

        var timeout = timeoutSeconds ?? entry.Record.Config.StopTimeoutSeconds;
        Publish(entry, "kill", ("signal", stopSignal.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        _runtime.Signal(shim, stopSignal);
        if (timeout >= 0)
        {
            var grace = Task.Delay(TimeSpan.FromSeconds(timeout), _time, cancellationToken);
            if (await Task.WhenAny(exited, grace).ConfigureAwait(false) != exited)
            {
                cancellationToken.ThrowIfCancellationRequested();
                Publish(entry, "kill", ("signal", "9"));
                _runtime.Signal(shim, Signals.SIGKILL);
            }
        }

        await exited.WaitAsync(cancellationToken).ConfigureAwait(false);
        Publish(entry, "stop");
        return true;
    }

    private async Task MonitorAsync(ContainerEntry entry, ShimState shim)
    {
        ShimExit exit;
        try
        {
            exit = await _runtime.WaitForExitAsync(_store.StateDirectoryOf(entry.Record.Id), shim, _shutdown.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return;
        }

        await OnExitedAsync(entry, exit).ConfigureAwait(false);
    }

    private async Task OnExitedAsync(ContainerEntry entry, ShimExit exit)
    {
        var record = entry.Record;
        var cgroup = entry.Cgroup;
        var oomKilled = false;
        if (cgroup is not null)
        {
            try
            {
                oomKilled = cgroup.ReadStats().OomKills > 0;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or LinuxException)
            {
                EngineLog.CleanupFailed(_logger, record.Id, ex);
            }

            await TryCleanupCgroupAsync(record.Id, cgroup).ConfigureAwait(false);
        }

        await DetachNetworkAsync(entry).ConfigureAwait(false);
        lock (entry)
        {
            entry.Shim = null;
            entry.Cgroup = null;
            record.State = new ContainerState
            {
                Status = ContainerStatus.Exited,
                ExitCode = exit.ExitCode,
                OomKilled = oomKilled,
                Error = exit.Error ?? "",
                StartedAt = record.State.StartedAt,
                FinishedAt = exit.FinishedAt,
            };
            _store.Save(record);
        }

        EngineLog.Exited(_logger, record.Id, exit.ExitCode, oomKilled);
        if (oomKilled)
        {
            Publish(entry, "oom");
        }

        Publish(entry, "die", ("exitCode", exit.ExitCode.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        var restart = !record.AutoRemove && ShouldRestart(record, exit.ExitCode);
        CompleteExit(entry, new ContainerWaitResult(exit.ExitCode, null));

        if (record.AutoRemove)
        {
            Track(AutoRemoveAsync(entry));
        }
        else if (restart)
        {
            ScheduleRestart(entry, exit);
        }
    }

    private static bool ShouldRestart(ContainerRecord record, int exitCode) =>
        !record.ManuallyStopped && record.RestartPolicy.Kind switch
        {
            RestartPolicyKind.Always or RestartPolicyKind.UnlessStopped => true,
            RestartPolicyKind.OnFailure => exitCode != 0 &&
                (record.RestartPolicy.MaximumRetryCount == 0 || record.RestartCount < record.RestartPolicy.MaximumRetryCount),
            _ => false,
        };

    private void ScheduleRestart(ContainerEntry entry, ShimExit exit)
    {
        var record = entry.Record;
        // Docker's back-off: 100 ms doubling per restart, reset after a run of 10 s or more.
        var ranFor = exit.FinishedAt - (record.State.StartedAt ?? exit.FinishedAt);
        var attempt = ranFor >= TimeSpan.FromSeconds(10) ? 0 : Math.Min(record.RestartCount, 20);
        var delay = TimeSpan.FromMilliseconds(Math.Min(100 * Math.Pow(2, attempt), MaxRestartDelay.TotalMilliseconds));
        var cts = CancellationTokenSource.CreateLinkedTokenSource(_shutdown.Token);
        lock (entry)
        {
            if (!_containers.ContainsKey(record.Id))
            {
                cts.Dispose();
                return;
            }

            entry.RestartDelay = cts;
            record.State = record.State with { Status = ContainerStatus.Restarting };
            _store.Save(record);
        }

        Track(RestartAfterAsync(entry, delay, cts));
    }

    private async Task RestartAfterAsync(ContainerEntry entry, TimeSpan delay, CancellationTokenSource cts)
    {
        using (cts)
        {
            try
            {
                await Task.Delay(delay, _time, cts.Token).ConfigureAwait(false);
                await entry.Gate.WaitAsync(cts.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            try
            {
                if (entry.Record.State.Status != ContainerStatus.Restarting || !_containers.ContainsKey(entry.Record.Id))
                {
                    return;
                }

                entry.Record.RestartCount++;
                await StartLockedAsync(entry, _shutdown.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                EngineLog.RestartFailed(_logger, entry.Record.Id, ex);
            }
            finally
            {
                entry.Gate.Release();
                lock (entry)
                {
                    if (entry.RestartDelay == cts)
                    {
                        entry.RestartDelay = null;
                    }
                }
            }
        }
    }

    private async Task AutoRemoveAsync(ContainerEntry entry)
    {
        await entry.Gate.WaitAsync(_shutdown.Token).ConfigureAwait(false);
        try
        {
            if (_containers.ContainsKey(entry.Record.Id) && entry.Record.State.Status != ContainerStatus.Running)
            {
                await DetachNetworkAsync(entry).ConfigureAwait(false);
                await RemoveLockedAsync(entry).ConfigureAwait(false);
                // As Docker's --rm: the container's anonymous volumes go with it, named ones stay.
                await RemoveAnonymousVolumesAsync(entry.Record.Mounts.Where(m => m.Anonymous).Select(m => m.Name), _shutdown.Token).ConfigureAwait(false);
            }
        }
        finally
        {
            entry.Gate.Release();
        }
    }

    private async Task RemoveLockedAsync(ContainerEntry entry)
    {
        var record = entry.Record;
        CancelRestart(entry);
        _containers.TryRemove(record.Id, out _);
        if (_cgroups.Open(record.Id) is { } leftover)
        {
            await TryCleanupCgroupAsync(record.Id, leftover).ConfigureAwait(false);
        }

        _store.Delete(record.Id);
        EngineLog.Removed(_logger, record.Id);
        Publish(entry, "destroy");
        entry.Removed.TrySetResult(new ContainerWaitResult(record.State.ExitCode, null));
    }

    /// <summary>Removes the container's endpoint (idempotent); a failure is logged, never thrown, so exits and removals complete.</summary>
    private async Task DetachNetworkAsync(ContainerEntry entry)
    {
        var record = entry.Record;
        // Networks is set once a container was ever connected or disconnected: it may hold a namespace with no endpoint left.
        if (!(NetworkModes.UsesBridge(record.NetworkMode) || record.Networks is not null) || _network is null)
        {
            return;
        }

        try
        {
            await _network.DetachAsync(record.Id, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            EngineLog.CleanupFailed(_logger, record.Id, ex);
        }

        List<ContainerNetworkSettings> previous;
        lock (entry)
        {
            previous = LiveEndpoints(record);
            record.NetworkSettings = null;
            record.AdditionalNetworkSettings = [];
        }

        RefreshPeerHosts(previous, record.Id, left: true);
    }

    private static void CancelRestart(ContainerEntry entry)
    {
        CancellationTokenSource? pending;
        lock (entry)
        {
            pending = entry.RestartDelay;
            entry.RestartDelay = null;
        }

        try
        {
            pending?.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // The delay already ended and its restart ran or gave up.
        }
    }

    private static void CompleteExit(ContainerEntry entry, ContainerWaitResult result)
    {
        TaskCompletionSource<ContainerWaitResult> done;
        lock (entry)
        {
            done = entry.NextExit;
            entry.NextExit = ContainerEntry.NewPending();
        }

        done.TrySetResult(result);
    }

    /// <summary>Never cancelled: a container's processes must not outlive its exit or removal.</summary>
    private async Task TryCleanupCgroupAsync(string id, Cgroups.ICgroup cgroup)
    {
        try
        {
            await cgroup.KillAllAsync(CancellationToken.None).ConfigureAwait(false);
            await cgroup.RemoveAsync(CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or LinuxException)
        {
            EngineLog.CleanupFailed(_logger, id, ex);
        }
    }

    private RuntimeSpec BuildSpec(ContainerRecord record, IReadOnlyList<MountSpec> mounts, IReadOnlyList<string> procsFiles) => new()
    {
        Id = record.Id,
        RootfsDir = _store.RootfsDirectoryOf(record.Id),
        RootfsMounts = mounts,
        Process = new ProcessSpec
        {
            Args = record.Args,
            Env = record.Config.Env,
            Cwd = record.Config.WorkingDir is { Length: > 0 } wd ? wd : "/",
            User = record.Config.User,
            Capabilities = ProcessSetup.Capabilities.Effective(DefaultSecurity.Capabilities, record.CapAdd, record.CapDrop),
            NoNewPrivileges = true,
            // Docker's default; portal-init clamps it to the hard limit when it may not raise it.
            Rlimits = [new RlimitSpec("NOFILE", 1_048_576, 1_048_576)],
        },
        Hostname = record.Config.Hostname,
        CgroupProcsFiles = procsFiles,
        Log = new LogSpec(_store.LogPathOf(record.Id), _options.LogMaxBytes, _options.LogMaxFiles),
        StateDir = _store.StateDirectoryOf(record.Id),
        MaskedPaths = DefaultSecurity.MaskedPaths,
        ReadonlyPaths = DefaultSecurity.ReadonlyPaths,
        ReadonlyRootfs = record.ReadonlyRootfs,
        Tmpfs = [.. record.Tmpfs.Select(t => new TmpfsSpec(t.Key, TmpfsOptions.ForMount(t.Value)))],
    };
}
