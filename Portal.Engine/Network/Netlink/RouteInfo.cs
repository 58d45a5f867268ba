using System.Net;

namespace Portal.Engine.Network.Netlink;

/// <summary>A route of the main table as RTM_GETROUTE reports it.</summary>
public sealed record RouteInfo(IPNetwork Destination, IPAddress? Gateway, int? OutputLinkIndex, IPAddress? PreferredSource, byte Scope);
