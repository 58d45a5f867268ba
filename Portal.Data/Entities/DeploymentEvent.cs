namespace Portal.Data.Entities;

/// <summary>Something that happened to a deployment (deployed, started, upgraded, health failed...).</summary>
public sealed class DeploymentEvent
{
    public long Id { get; set; }

    public Guid DeploymentId { get; set; }

    public Deployment? Deployment { get; set; }

    public DateTimeOffset At { get; set; }

    /// <summary>A short machine-readable kind: <c>deploy</c>, <c>start</c>, <c>upgrade</c>, <c>health</c>...</summary>
    public required string Kind { get; set; }

    public required string Message { get; set; }
}
