namespace Portal.Engine.Network.Netlink;

/// <summary>A link's counters from IFLA_STATS64 (struct rtnl_link_stats64), as `ip -s link` shows them.</summary>
public sealed record LinkStatistics(
    ulong RxBytes, ulong RxPackets, ulong RxErrors, ulong RxDropped,
    ulong TxBytes, ulong TxPackets, ulong TxErrors, ulong TxDropped);
