using System.Runtime.CompilerServices;
using System.Text;
using Portal.Engine.Cgroups;
using Portal.Engine.Containers;
using Portal.Engine.Errors;
using Portal.Engine.Images;
using Portal.Engine.Logs;
using Portal.Engine.Stats;

namespace Portal.Server.Tests.Docker;

/// <summary>
/// In-memory containers behind the engine's interface. A container whose Cmd starts with "echo" prints the
/// rest of its Cmd on stdout and exits with <see cref="EchoExitCode"/>; any other keeps running until stopped.
/// </summary>
internal sealed class FakeContainerService(IImageService images) : IContainerService
{
    private readonly Lock sync = new();
    private readonly Dictionary<string, FakeContainer> containers = [];
    private int created;

    public ContainerCreateRequest? LastCreate { get; private set; }
    public (int? Timeout, string? Signal) LastStop { get; private set; }
    public int EchoExitCode { get; set; } = 3;
    public CgroupVersion StatsCgroupVersion { get; set; } = CgroupVersion.V2;

    /// <summary>The endpoints' counters every stats sample reports.</summary>
    public IReadOnlyDictionary<string, NetworkCounters> StatsNetworks { get; set; } =
        new Dictionary<string, NetworkCounters> { ["eth0"] = new(726, 1, 0, 0, 2260, 2, 0, 0) };
    public int StatsCalls { get; private set; }

    public FakeContainer Add(string name, ContainerStatus status, string image = "localhost/probe:1", int exitCode = 0,
        IReadOnlyDictionary<string, string>? labels = null, long? pidsLimit = null, bool tty = false, DateTimeOffset? created = null)
    {
        var now = DateTimeOffset.UtcNow;
        var id = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(name)));
        var details = new ContainerDetails
        {
            Id = id,
            Name = name,
            Created = created ?? now.AddMinutes(-5),
            ImageId = "sha256:" + new string('a', 64),
            Config = new ContainerConfig
            {
                Image = image,
                Hostname = id[..12],
                Cmd = ["sleep", "1000"],
                Labels = labels ?? new Dictionary<string, string>(),
                Tty = tty,
            },
            State = new ContainerState
            {
                Status = status,
                ExitCode = exitCode,
                Pid = status == ContainerStatus.Running ? 4242 : 0,
                StartedAt = status == ContainerStatus.Created ? null : now.AddSeconds(-5),
                FinishedAt = status == ContainerStatus.Exited ? now.AddSeconds(-2) : null,
            },
            Resources = new ResourceLimits { PidsLimit = pidsLimit },
            Args = ["sleep", "1000"],
        };
        var container = new FakeContainer(details);
        lock (sync)
        {
            containers[id] = container;
        }

        return container;
    }

    public async Task<ContainerDetails> CreateAsync(ContainerCreateRequest request, CancellationToken cancellationToken = default)
    {
        LastCreate = request;
        await images.InspectAsync(request.Image, cancellationToken);
        var name = request.Name ?? $"fake_{Interlocked.Increment(ref created)}";
        lock (sync)
        {
            if (containers.Values.Any(c => c.Details.Name == name))
            {
                throw new ConflictException($"Conflict. The container name \"/{name}\" is already in use");
            }
        }

        var container = Add(name, ContainerStatus.Created, request.Image);
        container.Details = container.Details with
        {
            Config = container.Details.Config with { Cmd = request.Cmd ?? [], Entrypoint = request.Entrypoint ?? [], Tty = request.Tty },
            AutoRemove = request.AutoRemove,
            Args = [.. request.Entrypoint ?? [], .. request.Cmd ?? []],
            CapAdd = request.CapAdd,
            CapDrop = request.CapDrop,
            ReadonlyRootfs = request.ReadonlyRootfs,
            Tmpfs = request.Tmpfs,
        };
        return container.Details;
    }

    public Task<bool> StartAsync(string idOrName, CancellationToken cancellationToken = default)
    {
        var container = Find(idOrName);
        if (container.Details.State.Running)
        {
            return Task.FromResult(false);
        }

        container.SetState(new ContainerState { Status = ContainerStatus.Running, Pid = 4242, StartedAt = DateTimeOffset.UtcNow });
        if (container.Details.Config.Cmd is ["echo", ..] cmd)
        {
            _ = Task.Run(async () =>
            {
                await Task.Delay(50);
                container.Append(LogStream.Stdout, string.Join(' ', cmd.Skip(1)) + "\n");
                Exit(container, EchoExitCode);
            }, CancellationToken.None);
        }

        return Task.FromResult(true);
    }

    public Task<bool> StopAsync(string idOrName, int? timeoutSeconds = null, string? signal = null, CancellationToken cancellationToken = default)
    {
        var container = Find(idOrName);
        LastStop = (timeoutSeconds, signal);
        if (!container.Details.State.Running)
        {
            return Task.FromResult(false);
        }

        Exit(container, 143);
        return Task.FromResult(true);
    }

    public Task KillAsync(string idOrName, string? signal = null, CancellationToken cancellationToken = default)
    {
        var container = Find(idOrName);
        if (!container.Details.State.Running)
        {
            throw new ConflictException($"Cannot kill container: {idOrName}: Container {container.Details.Id} is not running");
        }

        Exit(container, 137);
        return Task.CompletedTask;
    }

    public async Task RestartAsync(string idOrName, int? timeoutSeconds = null, CancellationToken cancellationToken = default)
    {
        await StopAsync(idOrName, timeoutSeconds, null, cancellationToken);
        await StartAsync(idOrName, cancellationToken);
    }

    public Task<ContainerWaitResult> WaitAsync(string idOrName, WaitCondition condition, CancellationToken cancellationToken = default)
    {
        var container = Find(idOrName);
        var task = condition switch
        {
            WaitCondition.NotRunning when !container.Details.State.Running => Task.FromResult(container.Details.State.ExitCode),
            WaitCondition.Removed => container.Removed.Task,
            _ => container.NextExit.Task,
        };
        return task.ContinueWith(t => new ContainerWaitResult(t.Result, null), cancellationToken, TaskContinuationOptions.None, TaskScheduler.Default);
    }

    public List<(string ContainerId, ContainerEndpointConfig Endpoint)> Connects { get; } = [];
    public List<(string ContainerId, string Network, bool Force)> Disconnects { get; } = [];

    public Task ConnectAsync(string idOrName, ContainerEndpointConfig endpoint, CancellationToken cancellationToken = default)
    {
        Connects.Add((Find(idOrName).Details.Id, endpoint));
        return Task.CompletedTask;
    }

    public Task DisconnectAsync(string idOrName, string network, bool force, CancellationToken cancellationToken = default)
    {
        Disconnects.Add((Find(idOrName).Details.Id, network, force));
        return Task.CompletedTask;
    }

    public Task RemoveAsync(string idOrName, bool force, CancellationToken cancellationToken = default)
    {
        var container = Find(idOrName);
        if (container.Details.State.Running && !force)
        {
            throw new ConflictException($"cannot remove container \"/{container.Details.Name}\": container is running: stop the container before removing or force remove");
        }

        Remove(container);
        return Task.CompletedTask;
    }

    public Task<ContainerDetails> InspectAsync(string idOrName, CancellationToken cancellationToken = default) =>
        Task.FromResult(Find(idOrName).Details);

    public Task<IReadOnlyList<ContainerDetails>> ListAsync(bool all, CancellationToken cancellationToken = default)
    {
        lock (sync)
        {
            return Task.FromResult<IReadOnlyList<ContainerDetails>>(
                [.. containers.Values.Select(c => c.Details).Where(d => all || d.State.Running)]);
        }
    }

    public async IAsyncEnumerable<LogEntry> GetLogsAsync(string idOrName, LogReadOptions options, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var container = Find(idOrName);
        var (snapshot, changed) = container.Snapshot();
        IEnumerable<LogEntry> matching = snapshot.Where(e => Wanted(e, options));
        if (options.Tail is { } tail)
        {
            matching = matching.TakeLast(tail);
        }

        foreach (var entry in matching)
        {
            yield return entry;
        }

        var seen = snapshot.Count;
        while (options.Follow)
        {
            // Lines are appended before the exit is recorded: read "done" first so none is missed.
            var done = container.Gone || container.Details.State.Status is not (ContainerStatus.Running or ContainerStatus.Created);
            (snapshot, changed) = container.Snapshot();
            foreach (var entry in snapshot.Skip(seen).Where(e => Wanted(e, options)))
            {
                yield return entry;
            }

            seen = snapshot.Count;
            if (done)
            {
                yield break;
            }

            await changed.WaitAsync(cancellationToken);
        }
    }

    public Task<ContainerStats> GetStatsAsync(string idOrName, CancellationToken cancellationToken = default)
    {
        var container = Find(idOrName);
        var calls = ++StatsCalls;
        var v1 = StatsCgroupVersion == CgroupVersion.V1;
        var memoryStat = new Dictionary<string, ulong> { ["inactive_file"] = 1_048_576, ["active_anon"] = 2_000_000 };
        if (v1)
        {
            memoryStat["total_inactive_file"] = 1_048_576;
            memoryStat["total_rss"] = 2_000_000;
        }

        return Task.FromResult(new ContainerStats
        {
            Read = DateTimeOffset.UtcNow,
            CgroupVersion = StatsCgroupVersion,
            SystemCpuUsageNs = 1_000_000_000_000UL + (ulong)calls * 2_000_000_000UL,
            OnlineCpus = 2,
            MemoryLimit = 64UL * 1024 * 1024,
            Cgroup = new CgroupStats
            {
                CpuUsageNs = (ulong)calls * 500_000_000UL,
                CpuUserNs = 1,
                CpuSystemNs = 2,
                PerCpuUsageNs = v1 ? [1, 2] : [],
                MemoryUsage = 4 * 1_048_576,
                MemoryMaxUsage = 5 * 1_048_576,
                MemoryStat = memoryStat,
                PidsCurrent = 3,
                PidsLimit = container.Details.Resources.PidsLimit is { } limit ? (ulong)limit : null,
                IoServiceBytes = [new BlkioEntry(8, 0, "read", 4096), new BlkioEntry(8, 0, "write", 8192)],
            },
            Networks = StatsNetworks,
        });
    }

    private static bool Wanted(LogEntry entry, LogReadOptions options) =>
        (entry.Stream == LogStream.Stdout ? options.Stdout : options.Stderr)
        && (options.Since is not { } since || entry.Time > since)
        && (options.Until is not { } until || entry.Time <= until);

    private void Exit(FakeContainer container, int exitCode)
    {
        container.SetState(container.Details.State with
        {
            Status = ContainerStatus.Exited,
            Pid = 0,
            ExitCode = exitCode,
            FinishedAt = DateTimeOffset.UtcNow,
        });
        container.CompleteExit(exitCode);
        if (container.Details.AutoRemove)
        {
            Remove(container);
        }
    }

    private void Remove(FakeContainer container)
    {
        lock (sync)
        {
            containers.Remove(container.Details.Id);
        }

        container.MarkRemoved();
    }

    private FakeContainer Find(string idOrName)
    {
        var name = idOrName.TrimStart('/');
        lock (sync)
        {
            return containers.Values.FirstOrDefault(c => c.Details.Id == idOrName || c.Details.Name == name)
                ?? containers.Values.FirstOrDefault(c => idOrName.Length >= 3 && c.Details.Id.StartsWith(idOrName, StringComparison.Ordinal))
                ?? throw NotFoundException.Container(idOrName);
        }
    }
}
