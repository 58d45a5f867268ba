using Portal.Server.Deployments.Health;

namespace Portal.Server.Deployments;

public static class DeploymentServiceCollectionExtensions
{
    /// <summary>
    /// Registers the deployer: <see cref="DeploymentService"/>, the reconciler and its loop, health probing and
    /// admission control. Needs the engine (<c>AddPortalEngine</c>) and the data layer (<c>AddPortalData</c> and an
    /// <c>ISecretProtector</c>). Reads "Portal:Deployments" and "Portal:PublicHost".
    /// </summary>
    public static IServiceCollection AddDeployments(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var options = configuration.GetSection(DeploymentOptions.Section).Get<DeploymentOptions>() ?? new DeploymentOptions();
        options.PublicHost ??= configuration["Portal:PublicHost"];
        services.AddSingleton(options);
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<IHostMemory>(_ => new ProcMemInfo());
        services.AddSingleton<IDeploymentVolumes, EngineDeploymentVolumes>();
        services.AddSingleton<IHealthProbe, HttpHealthProbe>();
        services.AddSingleton<DeploymentHealth>();
        services.AddSingleton<AdmissionControl>();
        services.AddSingleton<ReconcileSignal>();
        services.AddSingleton<DeploymentReconciler>();
        services.AddSingleton<DeploymentService>();
        services.AddHostedService<DeploymentReconcilerService>();
        services.AddHostedService<DeploymentHealthService>();
        return services;
    }
}
