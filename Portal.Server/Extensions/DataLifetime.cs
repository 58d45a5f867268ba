using Portal.Data;
using Portal.Server.Security;

namespace Portal.Server.Extensions;

/// <summary>
/// Before anything serves requests: applies pending migrations, then issues a setup token when no admin
/// exists. Registered before the engine, so the database is ready for everything after it.
/// </summary>
internal sealed partial class DataLifetime(IServiceProvider services, SetupTokenService setup, ILogger<DataLifetime> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await services.MigratePortalDataAsync(cancellationToken);
        LogMigrated(logger);
        await setup.EnsureAsync(cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Database ready")]
    private static partial void LogMigrated(ILogger logger);
}
