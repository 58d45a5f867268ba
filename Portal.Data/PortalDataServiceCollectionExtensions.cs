using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace Portal.Data;

public static class PortalDataServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="PortalDbContext"/> (scoped) and <see cref="IDbContextFactory{PortalDbContext}"/>
    /// (singleton, for background services) on the SQLite file at <paramref name="databasePath"/>.
    /// The caller registers an <see cref="ISecretProtector"/>; every <see cref="IInterceptor"/> registered as a
    /// singleton is added to the contexts.
    /// </summary>
    public static IServiceCollection AddPortalData(this IServiceCollection services, string databasePath) =>
        services.AddPortalData(options => options.DatabasePath = databasePath);

    public static IServiceCollection AddPortalData(this IServiceCollection services, Action<PortalDataOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        var options = new PortalDataOptions();
        configure(options);
        services.AddSingleton(options);
        // Interceptors other parts register as IInterceptor (e.g. the server's live event feed) join the data layer's own.
        services.AddDbContextFactory<PortalDbContext>((sp, builder) =>
            PortalDbContext.Configure(builder, options).AddInterceptors(sp.GetServices<IInterceptor>()));
        return services;
    }
}
