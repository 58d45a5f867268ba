namespace Portal.Server.Deployments;

/// <summary>The "Portal:Deployments" configuration section (docs/deployments.md).</summary>
public sealed class DeploymentOptions
{
    public const string Section = "Portal:Deployments";

    /// <summary>Host name in web UI links ("Portal:PublicHost"); null = the host name the caller used.</summary>
    public string? PublicHost { get; set; }

    /// <summary>The host address web UI ports are published on; 0.0.0.0 = every IPv4 address.</summary>
    public string PublishAddress { get; set; } = "0.0.0.0";

    /// <summary>Host memory kept back from deployments; null = the larger of 512 MiB and a tenth of MemTotal.</summary>
    public long? HostMemoryReserveBytes { get; set; }

    /// <summary>Memory limit of a deployment when neither the request nor the manifest gives one.</summary>
    public long DefaultMemoryBytes { get; set; } = 256L * 1024 * 1024;

    /// <summary>CPU limit (NanoCpus) of a deployment when neither the request nor the manifest gives one.</summary>
    public long DefaultNanoCpus { get; set; } = 1_000_000_000;

    /// <summary>Pids limit of a deployment's container when the manifest gives none.</summary>
    public long DefaultPidsLimit { get; set; } = 1024;

    /// <summary>How often the reconciler runs without being signalled.</summary>
    public TimeSpan ReconcileInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often the health monitor looks for probes that are due.</summary>
    public TimeSpan HealthTick { get; set; } = TimeSpan.FromSeconds(1);
}
