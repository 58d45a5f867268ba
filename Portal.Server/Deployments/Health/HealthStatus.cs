namespace Portal.Server.Deployments.Health;

/// <summary>Docker's health states.</summary>
public enum HealthStatus
{
    Starting,
    Healthy,
    Unhealthy,
}
