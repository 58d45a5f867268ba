namespace Portal.Server.Deployments.Health;

/// <summary>Runs the health probes that are due every <see cref="DeploymentOptions.HealthTick"/>; a change of health wakes the reconciler.</summary>
public sealed class DeploymentHealthService(DeploymentHealth health, ReconcileSignal signal, DeploymentOptions options, TimeProvider time,
    ILogger<DeploymentHealthService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.HealthTick, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    if ((await health.ProbeDueAsync(time.GetUtcNow(), stoppingToken)).Count > 0)
                    {
                        signal.Notify();
                    }
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    DeploymentLog.HealthFailed(logger, e);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }
}
