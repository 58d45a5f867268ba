using Microsoft.EntityFrameworkCore.Diagnostics;
using Portal.Server.Catalogues.Bundles;
using Portal.Server.Deployments;
using Portal.Server.Hubs;

namespace Portal.Server.Extensions;

public static class LiveHubExtensions
{
    /// <summary>SignalR with the feeds the live hub streams from (docs/live.md).</summary>
    public static IServiceCollection AddLiveHub(this IServiceCollection services)
    {
        services.AddSignalR();
        services.AddSingleton<DeploymentEventFeed>();
        services.AddSingleton<IInterceptor, DeploymentEventInterceptor>();
        services.AddSingleton<DeploymentLogs>();
        services.AddSingleton<ImportProgressFeed>();
        return services;
    }

    public static IEndpointConventionBuilder MapLiveHub(this IEndpointRouteBuilder endpoints) =>
        // A session that expires closes the connection rather than streaming on under a stale cookie.
        endpoints.MapHub<LiveHub>(LiveHub.Path, options => options.CloseOnAuthenticationExpiration = true);
}
