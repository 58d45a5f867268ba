namespace Portal.Server.Deployments.Health;

public interface IHealthProbe
{
    /// <summary>Null when the target answered in time; otherwise why not ("connection refused", "HTTP 503").</summary>
    Task<string?> ProbeAsync(HealthTarget target, TimeSpan timeout, CancellationToken cancellationToken);
}
