using System.Security.Cryptography;
using System.Text;
using Portal.Engine.Containers;
using Portal.Engine.Errors;
using Portal.Engine.Logs;
using Portal.Engine.Network;
using Portal.Engine.Network.Ipam;
using Portal.Engine.Network.Networks;
using Portal.Engine.Stats;
using Portal.Server.Deployments;

namespace Portal.Server.Tests.Deployments;

/// <summary>
/// Containers, networks and volumes in memory, keeping what the deployer asked for, and counting every call that
/// changes something (<see cref="Changes"/>) so tests can prove a pass changed nothing.
/// </summary>
internal sealed class FakeDeploymentEngine : IContainerService, INetworkService, IDeploymentVolumes
{
    private readonly Lock sync = new();
    private readonly Dictionary<string, ContainerDetails> containers = [];
    private readonly Dictionary<string, NetworkDefinition> networks = [];
    private int nextPort = 40000;

    public List<string> Changes { get; } = [];
    public HashSet<string> MissingImages { get; } = [];
    /// <summary>Images whose containers exit with code 1 as soon as they start.</summary>
    public HashSet<string> CrashingImages { get; } = [];
    public Dictionary<string, Dictionary<string, string>> Volumes { get; } = [];
    public Dictionary<string, ContainerCreateRequest> Requests { get; } = [];
    public Dictionary<string, IReadOnlyList<VolumeAttachment>> Mounts { get; } = [];
    /// <summary>Networks another (unlabelled) container still uses: removing them is refused, as the engine does.</summary>
    public HashSet<string> NetworksInUse { get; } = [];

    public IReadOnlyList<ContainerDetails> All
    {
        get
        {
            lock (sync)
            {
                return [.. containers.Values];
            }
        }
    }

    /// <summary>A labelled container as a previous server left it (adoption, orphans).</summary>
    public ContainerDetails AddExisting(string name, IReadOnlyDictionary<string, string> labels, bool running)
    {
        var details = NewDetails(name, "sha256:" + new string('b', 64), labels, []) with
        {
            State = running
                ? new ContainerState { Status = ContainerStatus.Running, Pid = 7, StartedAt = DateTimeOffset.UtcNow }
                : new ContainerState { Status = ContainerStatus.Exited, ExitCode = 0 },
        };
        lock (sync)
        {
            containers[details.Id] = details;
        }

        return details;
    }

    public Task<ContainerDetails> CreateAsync(ContainerCreateRequest request, CancellationToken cancellationToken = default)
    {
        if (MissingImages.Contains(request.Image))
        {
            throw NotFoundException.Image(request.Image);
        }

        lock (sync)
        {
            if (containers.Values.Any(c => c.Name == request.Name))
            {
                throw new ConflictException($"Conflict. The container name \"/{request.Name}\" is already in use");
            }

            if (request.NetworkMode is { } mode && mode != "bridge" && !networks.Values.Any(n => n.Name == mode))
            {
                throw new NotFoundException($"network {mode} not found");
            }

            var bindings = request.PortBindings.Select(b => b with { HostPort = b.HostPort == 0 ? nextPort++ : b.HostPort }).ToList();
            var details = NewDetails(request.Name!, request.Image, request.Labels, bindings) with
            {
                Config = new ContainerConfig
                {
                    Image = request.Image,
                    Hostname = request.Hostname ?? "",
                    Labels = request.Labels,
                    Env = request.Env,
                    Cmd = request.Cmd ?? [],
                    Entrypoint = request.Entrypoint ?? [],
                    User = request.User ?? "",
                },
                Resources = request.Resources,
                RestartPolicy = request.RestartPolicy,
                NetworkMode = request.NetworkMode,
            };
            containers[details.Id] = details;
            Requests[details.Id] = request;
            Changes.Add("create " + details.Name);
            return Task.FromResult(details);
        }
    }

    public Task<bool> StartAsync(string idOrName, CancellationToken cancellationToken = default)
    {
        lock (sync)
        {
            var c = Find(idOrName);
            if (c.State.Running)
            {
                return Task.FromResult(false);
            }

            Changes.Add("start " + c.Name);
            containers[c.Id] = c with
            {
                State = CrashingImages.Contains(c.Config.Image)
                    ? new ContainerState { Status = ContainerStatus.Exited, ExitCode = 1, StartedAt = DateTimeOffset.UtcNow, FinishedAt = DateTimeOffset.UtcNow }
                    : new ContainerState { Status = ContainerStatus.Running, Pid = 42, StartedAt = DateTimeOffset.UtcNow },
                NetworkSettings = new ContainerNetworkSettings
                {
                    NetworkName = c.NetworkMode ?? "bridge",
                    NetworkId = "n",
                    IPAddress = "10.99.0.2",
                    PrefixLength = 24,
                    Gateway = "10.99.0.1",
                    SandboxKey = "/dev/null",
                },
            };
            return Task.FromResult(true);
        }
    }

    public Task<bool> StopAsync(string idOrName, int? timeoutSeconds = null, string? signal = null, CancellationToken cancellationToken = default)
    {
        lock (sync)
        {
            var c = Find(idOrName);
            if (!c.State.Running)
            {
                return Task.FromResult(false);
            }

            Changes.Add("stop " + c.Name);
            containers[c.Id] = c with { State = new ContainerState { Status = ContainerStatus.Exited, ExitCode = 143 }, NetworkSettings = null };
            return Task.FromResult(true);
        }
    }

    /// <summary>Makes a running container exit as if its process ended.</summary>
    public void Exit(string id, int code)
    {
        lock (sync)
        {
            containers[id] = containers[id] with { State = new ContainerState { Status = ContainerStatus.Exited, ExitCode = code }, NetworkSettings = null };
        }
    }

    public Task KillAsync(string idOrName, string? signal = null, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public async Task RestartAsync(string idOrName, int? timeoutSeconds = null, CancellationToken cancellationToken = default)
    {
        await StopAsync(idOrName, timeoutSeconds, null, cancellationToken);
        await StartAsync(idOrName, cancellationToken);
    }

    public Task<ContainerWaitResult> WaitAsync(string idOrName, WaitCondition condition, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task RemoveAsync(string idOrName, bool force, CancellationToken cancellationToken = default)
    {
        lock (sync)
        {
            var c = Find(idOrName);
            if (c.State.Running && !force)
            {
                throw new ConflictException("running");
            }

            containers.Remove(c.Id);
            Changes.Add("remove " + c.Name);
            return Task.CompletedTask;
        }
    }

    public Task<ContainerDetails> InspectAsync(string idOrName, CancellationToken cancellationToken = default)
    {
        lock (sync)
        {
            return Task.FromResult(Find(idOrName));
        }
    }

    public Task<IReadOnlyList<ContainerDetails>> ListAsync(bool all, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<ContainerDetails>>([.. All.Where(c => all || c.State.Running)]);

    public IAsyncEnumerable<LogEntry> GetLogsAsync(string idOrName, LogReadOptions options, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<ContainerStats> GetStatsAsync(string idOrName, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<NetworkDefinition> CreateNetworkAsync(NetworkCreateRequest request, CancellationToken cancellationToken)
    {
        lock (sync)
        {
            var definition = new NetworkDefinition
            {
                Id = Hex(request.Name),
                Name = request.Name,
                Labels = request.Labels ?? new Dictionary<string, string>(),
            };
            networks[definition.Id] = definition;
            Changes.Add("network " + request.Name);
            return Task.FromResult(definition);
        }
    }

    public IReadOnlyList<NetworkDefinition> ListNetworks()
    {
        lock (sync)
        {
            return [.. networks.Values];
        }
    }

    public NetworkDefinition GetNetwork(string idOrName)
    {
        lock (sync)
        {
            return networks.Values.FirstOrDefault(n => n.Id == idOrName || n.Name == idOrName) ?? throw new NotFoundException($"network {idOrName} not found");
        }
    }

    public IReadOnlyList<NetworkLease> Endpoints(string idOrName) => [];

    public Task RemoveNetworkAsync(string idOrName, CancellationToken cancellationToken)
    {
        lock (sync)
        {
            var network = GetNetwork(idOrName);
            if (NetworksInUse.Contains(network.Name))
            {
                throw new ForbiddenException($"error while removing network: network {network.Name} id {network.Id} has active endpoints");
            }

            networks.Remove(network.Id);
            Changes.Add("remove-network " + network.Name);
            return Task.CompletedTask;
        }
    }

    public Task EnsureAsync(string name, IReadOnlyDictionary<string, string> labels, CancellationToken cancellationToken)
    {
        lock (sync)
        {
            if (!Volumes.ContainsKey(name))
            {
                Volumes[name] = new Dictionary<string, string>(labels);
                Changes.Add("volume " + name);
            }

            return Task.CompletedTask;
        }
    }

    public Task RemoveAsync(string name, CancellationToken cancellationToken)
    {
        lock (sync)
        {
            if (Volumes.Remove(name))
            {
                Changes.Add("remove-volume " + name);
            }

            return Task.CompletedTask;
        }
    }

    public Task<IReadOnlyList<(string Name, Guid Deployment)>> ListAsync(CancellationToken cancellationToken)
    {
        lock (sync)
        {
            return Task.FromResult<IReadOnlyList<(string Name, Guid Deployment)>>(
                [.. Volumes.Where(v => DeploymentLabels.DeploymentOf(v.Value) is not null).Select(v => (v.Key, DeploymentLabels.DeploymentOf(v.Value)!.Value))]);
        }
    }

    public ContainerCreateRequest Attach(ContainerCreateRequest request, IReadOnlyList<VolumeAttachment> volumes)
    {
        lock (sync)
        {
            Mounts[request.Name!] = volumes;
        }

        return request;
    }

    private static ContainerDetails NewDetails(string name, string image, IReadOnlyDictionary<string, string> labels, IReadOnlyList<PortBinding> bindings) => new()
    {
        Id = Hex(name + Guid.NewGuid()),
        Name = name,
        Created = DateTimeOffset.UtcNow,
        ImageId = image,
        Config = new ContainerConfig { Image = image, Hostname = name, Labels = labels },
        State = new ContainerState(),
        PortBindings = bindings,
    };

    private static string Hex(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    private ContainerDetails Find(string idOrName) =>
        containers.Values.FirstOrDefault(c => c.Id == idOrName || c.Name == idOrName) ?? throw NotFoundException.Container(idOrName);
}
