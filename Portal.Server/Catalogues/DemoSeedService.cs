using Portal.Server.Catalogues.Demo;

namespace Portal.Server.Catalogues;

/// <summary>
/// First run: imports the demo catalogue once the engine is up (registered after it, so its store is initialised),
/// in the background so the server answers while the six demo images are built.
/// </summary>
internal sealed partial class DemoSeedService(DemoCatalogueSeeder seeder, ILogger<DemoSeedService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            var result = await seeder.SeedAsync(stoppingToken);
            if (result is not null)
            {
                LogSeeded(logger, result.Status, result.Added.Count);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogFailed(logger, ex);
        }
    }

    [LoggerMessage(EventId = 5100, Level = LogLevel.Information, Message = "Demo catalogue import: {Status}, {Added} appliance versions added")]
    private static partial void LogSeeded(ILogger logger, Bundles.CatalogueImportStatus status, int added);

    [LoggerMessage(EventId = 5101, Level = LogLevel.Error, Message = "Demo catalogue import failed; the portal runs without it")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
