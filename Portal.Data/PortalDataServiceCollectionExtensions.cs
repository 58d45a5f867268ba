using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Portal.Data;

public static class PortalDataServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="PortalDbContext"/> (scoped) and <see cref="IDbContextFactory{PortalDbContext}"/>
    /// (singleton, for background services) on the SQLite file at <paramref name="databasePath"/>.
    /// The caller registers an <see cref="ISecretProtector"/>.
    /// </summary>
    public static IServiceCollection AddPortalData(this IServiceCollection services, string databasePath) =>
        services.AddPortalData(options => options.DatabasePath = databasePath);

    public static IServiceCollection AddPortalData(this IServiceCollection services, Action<PortalDataOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        var options = new PortalDataOptions();
        configure(options);
        services.AddSingleton(options);
        services.AddDbContextFactory<PortalDbContext>(builder => PortalDbContext.Configure(builder, options));
        return services;
    }
}
