using Microsoft.Extensions.Logging;

namespace Portal.Engine.Network;

internal static partial class ContainerNetworkLog
{
    [LoggerMessage(EventId = 4200, Level = LogLevel.Warning, Message = "Removing the network of container {Id} failed")]
    public static partial void CleanupFailed(ILogger logger, string id, Exception exception);

    [LoggerMessage(EventId = 4201, Level = LogLevel.Warning, Message = "Restoring the network of running containers failed")]
    public static partial void RestoreFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 4202, Level = LogLevel.Information,
        Message = "Startup sweep: released the lease of container {Id}, which is not running; removed veth {Veth}, namespace {Namespace}")]
    public static partial void Swept(ILogger logger, string id, string veth, string @namespace);

    [LoggerMessage(EventId = 4203, Level = LogLevel.Information,
        Message = "Startup sweep: removed veth {Veth} of running container {Id}, which none of its endpoints owns")]
    public static partial void SweptStrayVeth(ILogger logger, string id, string veth);

    [LoggerMessage(EventId = 4204, Level = LogLevel.Information,
        Message = "Startup sweep: released the lease of {Address} in network {Network} of running container {Id}, which none of its endpoints owns")]
    public static partial void SweptStrayLease(ILogger logger, string id, System.Net.IPAddress address, string network);
}
