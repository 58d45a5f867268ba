using Portal.Engine.Errors;

namespace Portal.Server.Deployments;

/// <summary>Runs the reconciler at startup, whenever <see cref="ReconcileSignal"/> fires and every <see cref="DeploymentOptions.ReconcileInterval"/>.</summary>
public sealed class DeploymentReconcilerService(DeploymentReconciler reconciler, ReconcileSignal signal, DeploymentOptions options,
    ILogger<DeploymentReconcilerService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await reconciler.ReconcileAllAsync(stoppingToken);
            }
            catch (Exception e) when (e is EngineException or Microsoft.EntityFrameworkCore.DbUpdateException or IOException or InvalidOperationException)
            {
                DeploymentLog.PassFailed(logger, e);
            }

            try
            {
                await signal.WaitAsync(options.ReconcileInterval, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
