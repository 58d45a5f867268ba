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
    /// <summary>The endpoint while the container runs on a network; null otherwise.</summary>
    public ContainerNetworkSettings? NetworkSettings { get; set; }
    /// <summary>Volumes mounted into it, resolved at create (anonymous ones named); empty in records written before volumes.</summary>
    public IReadOnlyList<Volumes.MountPoint> Mounts { get; init; } = [];
}
