namespace Portal.Server.Catalogues.Manifests;

/// <summary>
/// The Compose service. <see cref="Command"/>, <see cref="Entrypoint"/> and <see cref="Environment"/> values are
/// templates that may hold <c>${config.key}</c> (render them with <see cref="ConfigInterpolation"/>).
/// </summary>
public sealed record ApplianceService
{
    public string Name { get; init; } = "";
    public string Image { get; init; } = "";
    /// <summary>Null when the manifest leaves it to the image; a string form becomes <c>["/bin/sh", "-c", s]</c>.</summary>
    public IReadOnlyList<string>? Command { get; init; }
    public IReadOnlyList<string>? Entrypoint { get; init; }
    public IReadOnlyList<KeyValuePair<string, string>> Environment { get; init; } = [];
    public IReadOnlyList<ServicePort> Ports { get; init; } = [];
    public IReadOnlyList<ServiceVolume> Volumes { get; init; } = [];
    public string WorkingDir { get; init; } = "";
    public string User { get; init; } = "";
    public ServiceHealthcheck? Healthcheck { get; init; }
    public IReadOnlyList<string> CapAdd { get; init; } = [];
    public IReadOnlyList<string> CapDrop { get; init; } = [];
    public bool ReadOnly { get; init; }
    public IReadOnlyList<string> Tmpfs { get; init; } = [];
    public long? MemoryLimitBytes { get; init; }
    public double? Cpus { get; init; }
    public long? PidsLimit { get; init; }
    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>();
    public string StopSignal { get; init; } = "";
    public TimeSpan? StopGracePeriod { get; init; }
    /// <summary>no, always, on-failure, on-failure:N or unless-stopped.</summary>
    public string Restart { get; init; } = "";
}
