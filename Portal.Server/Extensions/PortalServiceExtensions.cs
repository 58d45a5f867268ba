namespace Portal.Server.Extensions;

public static class PortalServiceExtensions
{
    public static WebApplicationBuilder AddPortalServices(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(PortalOptions.Section).Get<PortalOptions>() ?? new PortalOptions();
        var paths = PortalPaths.Resolve(options, builder.Environment.ContentRootPath);
        builder.Services.AddSingleton(paths);
        builder.Services.AddPortalEngine(paths);
        builder.Services.AddDockerApi();
        return builder;
    }

    public static WebApplication MapPortalEndpoints(this WebApplication app)
    {
        app.MapGet("/healthz", () => TypedResults.Text("ok"));
        return app;
    }
}
