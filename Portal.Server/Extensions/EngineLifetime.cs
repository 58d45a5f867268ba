using Portal.Engine.Containers;

namespace Portal.Server.Extensions;

/// <summary>
/// Loads the engine's containers (re-adopting running ones) before anything serves requests, and on
/// shutdown stops only the engine's watchers: containers keep running for the next start.
/// </summary>
internal sealed partial class EngineLifetime(ContainerEngine engine, PortalPaths paths, ILogger<EngineLifetime> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        // Private to root, as Docker's data root after CVE-2021-41091: other users must not traverse into
        // container filesystems or the socket's directory.
        const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
        foreach (var dir in new[] { paths.DataDirectory, paths.EngineDirectory })
        {
            Directory.CreateDirectory(dir, OwnerOnly);
            File.SetUnixFileMode(dir, OwnerOnly);
        }

        if (!File.Exists(paths.InitPath))
        {
            LogInitMissing(logger, paths.InitPath);
        }

        await engine.InitializeAsync(cancellationToken);
        LogReady(logger, paths.EngineDirectory, paths.InitPath);
    }

    public async Task StopAsync(CancellationToken cancellationToken) => await engine.DisposeAsync();

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Engine ready: store {EngineDirectory}, helper {InitPath}")]
    private static partial void LogReady(ILogger logger, string engineDirectory, string initPath);

    [LoggerMessage(EventId = 2, Level = LogLevel.Error, Message = "portal-init not found at {InitPath}: containers cannot start (./portal run publishes it)")]
    private static partial void LogInitMissing(ILogger logger, string initPath);
}
