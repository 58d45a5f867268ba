using Portal.Engine.Network.Ipam;

namespace Portal.Engine.Network.Networks;

/// <summary>Address pools and the default network's settings.</summary>
public sealed class NetworkOptions
{
    /// <summary>Where automatic subnets come from, in order (Docker's default-address-pools).</summary>
    public IReadOnlyList<AddressPool> AddressPools { get; set; } = AddressPool.Defaults;

    /// <summary>
    /// Subnet of the default "bridge" network when it is first created (Docker's bip); null picks the first free
    /// pool subnet. Once created, the stored subnet stays: running containers hold leases in it.
    /// </summary>
    public string? DefaultBridgeSubnet { get; set; }

    /// <summary>Bridge interface of the default network.</summary>
    public string DefaultBridgeInterface { get; set; } = "portal0";
}
