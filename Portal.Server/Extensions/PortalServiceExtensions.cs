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
        // The web app's files (Portal.Client's wwwroot and _framework) come from the static web assets manifest of the
        // build; in any environment, not only Development, so `./portal run` serves them from the build output.
        builder.WebHost.UseStaticWebAssets();
        return builder;
    }

    public static WebApplication MapPortalEndpoints(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        // The web app is public files (it holds no secrets and asks the API for everything), served before routing and
        // authorisation like any static site.
        app.UseBlazorFrameworkFiles();
        app.UseDefaultFiles();
        app.UseStaticFiles();
        app.UseRouting();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();

        app.MapGet("/healthz", () => TypedResults.Text("ok")).AllowAnonymous().ExcludeFromDescription();
        app.MapOpenApi().AllowAnonymous();
        app.MapPortalApi();
        app.MapPrometheusMetrics();
        app.MapLiveHub();
        // Any other path without a file extension is a page of the web app; API and hub paths never are (an unknown
        // API path stays a 404 ProblemDetails).
        app.MapFallbackToFile("{*path:nonfile:regex(^(?!api/|hubs/|openapi/).*$)}", "index.html").AllowAnonymous();
        return app;
    }
}
