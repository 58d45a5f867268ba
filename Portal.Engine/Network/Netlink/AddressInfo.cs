using System.Net;

namespace Portal.Engine.Network.Netlink;

/// <summary>An interface address as RTM_GETADDR reports it.</summary>
public sealed record AddressInfo(int LinkIndex, IPAddress Address, int PrefixLength, IPAddress? Broadcast, string? Label);
