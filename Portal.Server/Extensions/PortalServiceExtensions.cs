using System.Text.Json;
using System.Text.Json.Serialization;
using Portal.Server.Apis;
using Portal.Server.Catalogues;
using Portal.Server.Deployments;
using Portal.Server.Metrics;

namespace Portal.Server.Extensions;

public static class PortalServiceExtensions
{
    public static WebApplicationBuilder AddPortalServices(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(PortalOptions.Section).Get<PortalOptions>() ?? new PortalOptions();
        var paths = PortalPaths.Resolve(options, builder.Environment.ContentRootPath);
        builder.Services.AddSingleton(paths);
        // Data first: its hosted service migrates the database before the engine and the server start.
        builder.Services.AddPortalDataServices(paths);
        builder.Services.AddPortalAuth(builder.Configuration);
        builder.Services.AddPortalEngine(paths);
        builder.Services.AddDockerApi();
        builder.Services.AddPortalMetrics();
        builder.Services.AddDeployments(builder.Configuration);
        builder.Services.AddCatalogues(builder.Configuration);
        builder.Services.AddLiveHub();
        // After the engine's hosted service: the seeder loads images into its store.
        builder.Services.AddHostedService<DemoSeedService>();
        builder.Services.AddProblemDetails();
        builder.Services.AddExceptionHandler<PortalExceptionHandler>();
        builder.Services.ConfigureHttpJsonOptions(json =>
            json.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase)));
        builder.Services.AddOpenApi();
        return builder;
    }

    public static WebApplication MapPortalEndpoints(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseRouting();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();

        app.MapGet("/healthz", () => TypedResults.Text("ok")).AllowAnonymous().ExcludeFromDescription();
        app.MapOpenApi().AllowAnonymous();
        app.MapPortalApi();
        app.MapPrometheusMetrics();
        app.MapLiveHub();
        return app;
    }
}
