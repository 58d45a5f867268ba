using Portal.Engine.Network;

namespace Portal.Engine.Containers;

public sealed partial class ContainerEngine
{
    /// <summary>
    /// Loads every container and re-adopts the ones whose shim is still alive (live restore). A
    /// container whose process ended while the engine was down gets the exit its shim recorded and
    /// then its restart policy, as if the engine had watched it exit. Re-adopted containers keep their
    /// network endpoint and published ports; the firewall is then rebuilt from them in one step.
    /// </summary>
    public async Task InitializeAsync(CancellationToken cancellationToken = default)
    {
        var exits = new List<(ContainerEntry Entry, ShimExit Exit)>();
        var running = new List<RunningEndpoint>();
        foreach (var record in _store.LoadAll((file, ex) => EngineLog.Unreadable(_logger, file, ex)))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var entry = new ContainerEntry(record);
            _containers[record.Id] = entry;
            if (record.State.Status is not (ContainerStatus.Running or ContainerStatus.Restarting))
            {
                continue;
            }

            var stateDir = _store.StateDirectoryOf(record.Id);
            var shim = _runtime.ReadState(stateDir);
            if (record.State.Status == ContainerStatus.Running && shim is not null && _runtime.IsAlive(shim))
            {
                entry.Shim = shim;
                entry.Cgroup = _cgroups.Open(record.Id);
                record.State = record.State with { Pid = shim.InitPid };
                EngineLog.Readopted(_logger, record.Id, shim.InitPid);
                if (record.NetworkSettings is { } settings)
                {
                    running.Add(new RunningEndpoint(record.Id, settings, record.PortBindings) { Others = record.AdditionalNetworkSettings });
                }
                else if (record.AdditionalNetworkSettings.Count > 0)
                {
                    // Its first network was disconnected, and with it the published ports.
                    running.Add(new RunningEndpoint(record.Id, record.AdditionalNetworkSettings[0], []) { Others = [.. record.AdditionalNetworkSettings.Skip(1)] });
                }

                Track(MonitorAsync(entry, shim));
                continue;
            }

            entry.Cgroup = _cgroups.Open(record.Id);
            var exit = record.State.Status == ContainerStatus.Running
                ? _runtime.ReadExit(stateDir) ?? new ShimExit(255, null, _time.GetUtcNow(), "the container's monitor ended while the engine was down without recording an exit")
                : new ShimExit(record.State.ExitCode, null, record.State.FinishedAt ?? _time.GetUtcNow());
            EngineLog.ExitedWhileDown(_logger, record.Id, exit.ExitCode);
            exits.Add((entry, exit));
        }

        if (_network is not null)
        {
            try
            {
                await _network.RestoreAsync(running, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                ContainerNetworkLog.RestoreFailed(_logger, ex);
            }
        }

        foreach (var (entry, exit) in exits)
        {
            await OnExitedAsync(entry, exit).ConfigureAwait(false);
        }
    }
}
