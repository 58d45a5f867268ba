using Portal.Engine.Cgroups;

namespace Portal.Engine.Containers;

/// <summary>A container as inspect shows it. <see cref="Name"/> has no leading slash; the Docker API adds it.</summary>
public sealed record ContainerDetails
{
    public required string Id { get; init; }
    public required string Name { get; init; }
    public required DateTimeOffset Created { get; init; }
    /// <summary>"sha256:…" of the image it was created from.</summary>
    public required string ImageId { get; init; }
    public required ContainerConfig Config { get; init; }
    public required ContainerState State { get; init; }
    public ResourceLimits Resources { get; init; } = ResourceLimits.None;
    public RestartPolicy RestartPolicy { get; init; } = RestartPolicy.No;
    public bool AutoRemove { get; init; }
    public int RestartCount { get; init; }
    /// <summary>The args actually executed: entrypoint + cmd.</summary>
    public IReadOnlyList<string> Args { get; init; } = [];
    public string LogPath { get; init; } = "";
    /// <summary>As resolved at create (<see cref="NetworkModes"/>); null in records written before networking.</summary>
    public string? NetworkMode { get; init; }
    public IReadOnlyList<PortBinding> PortBindings { get; init; } = [];
    /// <summary>The endpoint while the container runs on a network; null otherwise.</summary>
    public ContainerNetworkSettings? NetworkSettings { get; init; }
    /// <summary>The running container's other endpoints (eth1, ...).</summary>
    public IReadOnlyList<ContainerNetworkSettings> AdditionalNetworkSettings { get; init; } = [];
    /// <summary>The networks the container is connected to, in order, running or not.</summary>
    public IReadOnlyList<ContainerEndpointConfig> Networks { get; init; } = [];

    /// <summary>Every live endpoint: <see cref="NetworkSettings"/> first, then the others.</summary>
    public IEnumerable<ContainerNetworkSettings> Endpoints =>
        NetworkSettings is { } first ? [first, .. AdditionalNetworkSettings] : AdditionalNetworkSettings;
    /// <summary>Its volumes, with <see cref="Volumes.MountPoint.Source"/> set to each volume's data directory.</summary>
    public IReadOnlyList<Volumes.MountPoint> Mounts { get; init; } = [];
    /// <summary>Docker's HostConfig.CapAdd as requested.</summary>
    public IReadOnlyList<string> CapAdd { get; init; } = [];
    public IReadOnlyList<string> CapDrop { get; init; } = [];
    public bool ReadonlyRootfs { get; init; }
    /// <summary>Container path → tmpfs options as requested (Docker's HostConfig.Tmpfs).</summary>
    public IReadOnlyDictionary<string, string> Tmpfs { get; init; } = new Dictionary<string, string>();
}
