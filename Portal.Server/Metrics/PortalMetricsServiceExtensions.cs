using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Portal.Server.Extensions;

namespace Portal.Server.Metrics;

public static class PortalMetricsServiceExtensions
{
    /// <summary>
    /// The 1 Hz sampler (hosted), the live feed (<see cref="IMetricsLiveFeed"/>), the history query
    /// (<see cref="MetricsHistoryService"/>) and the /metrics access policy. Needs <see cref="PortalPaths"/>, the
    /// engine's <c>IContainerService</c> and Portal.Data's <c>IDbContextFactory&lt;PortalDbContext&gt;</c>.
    /// </summary>
    public static IServiceCollection AddPortalMetrics(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<MetricsOptions>().BindConfiguration(MetricsOptions.Section);
        services.TryAddSingleton<IHostMetricsSource>(sp => new ProcHostReader("/proc", sp.GetRequiredService<PortalPaths>().DataDirectory));
        services.TryAddSingleton<IDeploymentStatsSource, EngineDeploymentStatsSource>();
        services.TryAddSingleton<IDeploymentDirectory, DatabaseDeploymentDirectory>();
        services.AddSingleton<MetricsBroadcaster>();
        services.AddSingleton<IMetricsLiveFeed>(sp => sp.GetRequiredService<MetricsBroadcaster>());
        services.AddSingleton<LatestMetrics>();
        services.AddSingleton<MetricsHistoryService>();
        services.AddHostedService<MetricsSampler>();
        services.AddHttpContextAccessor();
        services.AddSingleton<IAuthorizationHandler, MetricsAccessHandler>();
        services.AddAuthorizationBuilder()
            .AddPolicy(MetricsAccess.Policy, policy => policy.AddRequirements(new MetricsAccessRequirement()));
        return services;
    }

    /// <summary>GET /metrics: Prometheus text of the newest samples, for admins or the scrape token (docs/metrics.md).</summary>
    public static IEndpointConventionBuilder MapPrometheusMetrics(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        return endpoints
            .MapGet("/metrics", (LatestMetrics latest) =>
                TypedResults.Text(PrometheusExposition.Render(latest.Current), PrometheusText.ContentType))
            .RequireAuthorization(MetricsAccess.Policy)
            .ExcludeFromDescription();
    }
}
