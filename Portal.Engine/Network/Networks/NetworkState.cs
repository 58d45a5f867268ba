using Portal.Engine.Network.Ipam;

namespace Portal.Engine.Network.Networks;

/// <summary>A network held in memory: its definition and, for bridge networks, its leases.</summary>
internal sealed class NetworkState(NetworkDefinition definition)
{
    public NetworkDefinition Definition { get; } = definition;

    public AddressLeases? Leases { get; } = definition.HasAddresses
        ? new AddressLeases(definition.Name, definition.Subnet!.Value, definition.Gateway!)
        : null;

    public int LeaseCount => Leases?.Count ?? 0;
}
