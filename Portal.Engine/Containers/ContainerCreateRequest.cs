using Portal.Engine.Cgroups;

namespace Portal.Engine.Containers;

/// <summary>What a caller asks for when creating a container; null fields take the image's values.</summary>
public sealed record ContainerCreateRequest
{
    /// <summary>Name without leading slash; null = a generated one. [a-zA-Z0-9][a-zA-Z0-9_.-]*</summary>
    public string? Name { get; init; }
    public required string Image { get; init; }
    public IReadOnlyList<string>? Entrypoint { get; init; }
    public IReadOnlyList<string>? Cmd { get; init; }
    /// <summary>Added to (and overriding by key) the image's Env.</summary>
    public IReadOnlyList<string> Env { get; init; } = [];
    public string? WorkingDir { get; init; }
    public string? User { get; init; }
    public string? Hostname { get; init; }
    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>();
    public ResourceLimits Resources { get; init; } = ResourceLimits.None;
    public RestartPolicy RestartPolicy { get; init; } = RestartPolicy.No;
    public bool AutoRemove { get; init; }
    public bool Tty { get; init; }
    public string? StopSignal { get; init; }
    public int? StopTimeoutSeconds { get; init; }
    /// <summary>"8080/tcp" keys added to the image's own.</summary>
    public IReadOnlyList<string> ExposedPorts { get; init; } = [];
    /// <summary>null or "default": loopback only unless ports are published; "bridge"; "none".</summary>
    public string? NetworkMode { get; init; }
    public IReadOnlyList<PortBinding> PortBindings { get; init; } = [];
    /// <summary>-P: every exposed port (the image's and <see cref="ExposedPorts"/>) without a binding gets any free host port.</summary>
    public bool PublishAllPorts { get; init; }
    /// <summary>
    /// Per-network settings (Docker's NetworkingConfig.EndpointsConfig): aliases and a fixed address for the network of
    /// <see cref="NetworkMode"/>, and further networks to connect, in order.
    /// </summary>
    public IReadOnlyList<ContainerEndpointConfig> Networks { get; init; } = [];
    /// <summary>Volumes to mount (created when missing); the image's VOLUME paths not covered get anonymous ones.</summary>
    public IReadOnlyList<Volumes.VolumeMount> Volumes { get; init; } = [];
    /// <summary>Capabilities added to Docker's default set: names with or without CAP_, any case, or ALL.</summary>
    public IReadOnlyList<string> CapAdd { get; init; } = [];
    /// <summary>Capabilities dropped from Docker's default set (ALL = keep only <see cref="CapAdd"/>).</summary>
    public IReadOnlyList<string> CapDrop { get; init; } = [];
    /// <summary>The root filesystem is mounted read-only; /dev, /proc, volumes, tmpfs and the /etc files stay writable.</summary>
    public bool ReadonlyRootfs { get; init; }
    /// <summary>Docker's HostConfig.Tmpfs: container path → mount options ("rw,noexec,nosuid,size=64m"; "" = the defaults).</summary>
    public IReadOnlyDictionary<string, string> Tmpfs { get; init; } = new Dictionary<string, string>();
}
