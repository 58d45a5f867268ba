using Portal.Engine.Containers;

namespace Portal.Engine.Network;

/// <summary>A running container's endpoint as the engine re-adopts it after a restart.</summary>
public sealed record RunningEndpoint(string ContainerId, ContainerNetworkSettings Settings, IReadOnlyList<PortBinding> Ports)
{
    /// <summary>The container's other endpoints (eth1, ...), kept with their veths and leases as <see cref="Settings"/> is.</summary>
    public IReadOnlyList<ContainerNetworkSettings> Others { get; init; } = [];
}
