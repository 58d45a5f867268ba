namespace Portal.Server.Deployments.Health;

/// <summary>
/// A deployment's health: its state, consecutive failures and the last failure's message; <see cref="Ready"/> once
/// its web UI (or first port) has answered since the container started.
/// </summary>
public sealed record HealthReport(HealthStatus Status, int FailingStreak, string? LastFailure)
{
    public bool Ready { get; init; }
}
