using Portal.Engine.Cgroups;

namespace Portal.Engine.Containers;

/// <summary>What the engine persists about a container (container.json); survives engine restarts.</summary>
public sealed class ContainerRecord
{
    public required string Id { get; init; }
    public required string Name { get; init; }
    public required DateTimeOffset Created { get; init; }
    public required string ImageId { get; init; }
    public required ContainerConfig Config { get; init; }
    public required IReadOnlyList<string> Args { get; init; }
    public ResourceLimits Resources { get; init; } = ResourceLimits.None;
    public RestartPolicy RestartPolicy { get; init; } = RestartPolicy.No;
    public bool AutoRemove { get; init; }
    public ContainerState State { get; set; } = new();
    public int RestartCount { get; set; }
    /// <summary>Stopped by a user: restart policies leave it alone until it is started again.</summary>
    public bool ManuallyStopped { get; set; }
    /// <summary>As resolved at create (<see cref="NetworkModes"/>); null in records written before networking.</summary>
    public string? NetworkMode { get; init; }
    public IReadOnlyList<PortBinding> PortBindings { get; init; } = [];
    /// <summary>
    /// The endpoint of the first network while the container runs (eth0: the default route, and the one its ports are
    /// published through); null otherwise, and after that network is disconnected from the running container.
    /// </summary>
    public ContainerNetworkSettings? NetworkSettings { get; set; }
    /// <summary>The running container's other endpoints (eth1, ...), in the order they were made.</summary>
    public IReadOnlyList<ContainerNetworkSettings> AdditionalNetworkSettings { get; set; } = [];
    /// <summary>
    /// Every network the container is connected to, in order (endpoints made at each start). Null in records written
    /// before containers could join several networks: then the one of <see cref="NetworkMode"/> (<see cref="NetworkModes.EndpointsOf"/>).
    /// </summary>
    public IReadOnlyList<ContainerEndpointConfig>? Networks { get; set; }
    /// <summary>Volumes mounted into it, resolved at create (anonymous ones named); empty in records written before volumes.</summary>
    public IReadOnlyList<Volumes.MountPoint> Mounts { get; init; } = [];
    /// <summary>As requested (Docker's HostConfig.CapAdd); the effective set is computed at each start.</summary>
    public IReadOnlyList<string> CapAdd { get; init; } = [];
    public IReadOnlyList<string> CapDrop { get; init; } = [];
    public bool ReadonlyRootfs { get; init; }
    /// <summary>Container path (cleaned) → tmpfs options as requested.</summary>
    public IReadOnlyDictionary<string, string> Tmpfs { get; init; } = new Dictionary<string, string>();
}
