using Microsoft.Extensions.DependencyInjection.Extensions;
using Portal.Engine.Images;
using Portal.Server.Catalogues.Bundles;
using Portal.Server.Catalogues.Demo;
using Portal.Server.Extensions;

namespace Portal.Server.Catalogues;

public static class CatalogueServiceExtensions
{
    /// <summary>
    /// Registers <see cref="CatalogueImporter"/> and <see cref="DemoCatalogueSeeder"/> (singletons) with their options
    /// from "Portal:Catalogues" and "Portal:Demo". Needs <see cref="PortalPaths"/>, the engine (AddPortalEngine) and
    /// the data layer (AddPortalData) registered.
    /// </summary>
    public static IServiceCollection AddCatalogues(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(sp =>
        {
            var options = configuration.GetSection(BundleOptions.Section).Get<BundleOptions>() ?? new BundleOptions();
            if (string.IsNullOrWhiteSpace(options.TempDirectory))
            {
                options.TempDirectory = Path.Combine(sp.GetRequiredService<PortalPaths>().DataDirectory, "tmp", "catalogues");
            }

            return options;
        });
        services.AddSingleton(_ => configuration.GetSection(DemoOptions.Section).Get<DemoOptions>() ?? new DemoOptions());
        services.TryAddSingleton<IImageArchiveLoader>(sp => sp.GetRequiredService<ImageStore>());
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<CatalogueImporter>();
        services.AddSingleton<DemoCatalogueSeeder>();
        return services;
    }
}
