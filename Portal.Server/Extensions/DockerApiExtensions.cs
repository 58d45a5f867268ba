using Portal.Server.Apis.Docker;

namespace Portal.Server.Extensions;

public static class DockerApiExtensions
{
    /// <summary>Serves the Docker Engine API on <see cref="PortalPaths.DockerSocket"/> (needs the engine services registered).</summary>
    public static IServiceCollection AddDockerApi(this IServiceCollection services)
    {
        services.AddHostedService<DockerApiHost>();
        return services;
    }

    /// <summary>The routes of the socket app; every one also answers under "/v{major}.{minor}/".</summary>
    internal static WebApplication MapDockerApi(this WebApplication app)
    {
        app.UseMiddleware<DockerApiMiddleware>();
        app.UseRouting();
        SystemApi.Map(app);
        ImagesApi.Map(app);
        ContainersApi.Map(app);
        ContainerStreamsApi.Map(app);
        EventsApi.Map(app);
        NetworksApi.Map(app);
        VolumesApi.Map(app);
        app.MapFallback("{**path}", (HttpContext context) =>
            DockerJsonResult.Error(StatusCodes.Status404NotFound, $"page not found: {context.Request.Method} {context.Request.Path}"));
        return app;
    }
}
