using System.Net;
using Microsoft.Extensions.Logging;

namespace Portal.Engine.Network.Firewall;

internal static partial class FirewallLog
{
    [LoggerMessage(EventId = 4100, Level = LogLevel.Debug, Message = "nft table inet portal replaced ({Operation}): {Networks} networks, {Ports} published ports")]
    public static partial void Applied(ILogger logger, string operation, int networks, int ports);

    [LoggerMessage(EventId = 4101, Level = LogLevel.Information, Message = "nft table inet portal removed")]
    public static partial void Removed(ILogger logger);

    [LoggerMessage(EventId = 4102, Level = LogLevel.Information, Message = "Published {Protocol} {HostAddress}:{HostPort} to {ContainerAddress}:{ContainerPort} for container {ContainerId}")]
    public static partial void Published(ILogger logger, PortProtocol protocol, IPAddress hostAddress, int hostPort, IPAddress containerAddress, int containerPort, string containerId);
}
