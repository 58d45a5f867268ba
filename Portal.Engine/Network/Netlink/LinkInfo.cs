using System.Net.NetworkInformation;

namespace Portal.Engine.Network.Netlink;

/// <summary>A network interface as RTM_GETLINK reports it.</summary>
/// <param name="Kind">IFLA_INFO_KIND: "bridge", "veth", "dummy"…; null for physical and loopback links.</param>
/// <param name="MasterIndex">The bridge this link is enslaved to, if any.</param>
/// <param name="LinkIndex">IFLA_LINK: for a veth, the peer's index (in the peer's namespace).</param>
/// <param name="IsUp">IFF_UP (administratively up).</param>
/// <param name="HasCarrier">IFF_LOWER_UP.</param>
public sealed record LinkInfo(
    int Index,
    string Name,
    string? Kind,
    int Mtu,
    int? MasterIndex,
    int? LinkIndex,
    PhysicalAddress? MacAddress,
    bool IsUp,
    bool HasCarrier,
    LinkStatistics? Statistics);
