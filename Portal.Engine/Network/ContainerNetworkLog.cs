using Microsoft.Extensions.Logging;

namespace Portal.Engine.Network;

internal static partial class ContainerNetworkLog
{
    [LoggerMessage(EventId = 4200, Level = LogLevel.Warning, Message = "Removing the network of container {Id} failed")]
    public static partial void CleanupFailed(ILogger logger, string id, Exception exception);

    [LoggerMessage(EventId = 4201, Level = LogLevel.Warning, Message = "Restoring the network of running containers failed")]
    public static partial void RestoreFailed(ILogger logger, Exception exception);
}
