using System.Net;

namespace Portal.Engine.Network.Ipam;

/// <summary>An address held by a container's endpoint in one network (a container has one endpoint per network).</summary>
public sealed record NetworkLease(string NetworkId, string NetworkName, string ContainerId, IPAddress Address);
