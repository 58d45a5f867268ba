namespace Portal.Data.Entities;

/// <summary>
/// Desired state for one appliance instance of a team; the reconciler converges the engine towards it.
/// The engine's container is labelled with <see cref="Id"/>.
/// </summary>
public sealed class Deployment : IVersioned
{
    public Guid Id { get; set; } = Guid.NewGuid();

    public int TeamId { get; set; }

    public Team? Team { get; set; }

    /// <summary>Unique per team, case-insensitive.</summary>
    public required string Name { get; set; }

    public int ApplianceVersionId { get; set; }

    public ApplianceVersion? ApplianceVersion { get; set; }

    /// <summary>The version before the last upgrade: what rollback returns to.</summary>
    public int? PreviousApplianceVersionId { get; set; }

    public ApplianceVersion? PreviousApplianceVersion { get; set; }

    /// <summary>Non-secret config values, a JSON object.</summary>
    public string ConfigJson { get; set; } = "{}";

    /// <summary>
    /// Secret config values (<c>x-secret</c>), a JSON object. Plain text in memory; the column holds the
    /// <see cref="ISecretProtector"/>'s ciphertext.
    /// </summary>
    public string SecretConfigJson { get; set; } = "{}";

    public DesiredState DesiredState { get; set; }

    /// <summary>On removal, delete the deployment's volumes too.</summary>
    public bool DeleteDataOnRemove { get; set; }

    public ObservedStatus ObservedStatus { get; set; }

    public string? StatusReason { get; set; }

    public string? ContainerId { get; set; }

    /// <summary>The host port the web UI is published on; unique among deployments.</summary>
    public int? WebUiHostPort { get; set; }

    public long MemoryLimitBytes { get; set; }

    /// <summary>Docker's NanoCpus unit.</summary>
    public long NanoCpus { get; set; }

    public int? CreatedByUserId { get; set; }

    public User? CreatedBy { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public List<DeploymentEvent> Events { get; } = [];

    public long Version { get; set; }
}
