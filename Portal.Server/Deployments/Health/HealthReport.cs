namespace Portal.Server.Deployments.Health;

/// <summary>A deployment's health: its state, consecutive failures and the last failure's message.</summary>
public sealed record HealthReport(HealthStatus Status, int FailingStreak, string? LastFailure);
