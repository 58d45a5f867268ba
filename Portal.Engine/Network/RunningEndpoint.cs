using Portal.Engine.Containers;

namespace Portal.Engine.Network;

/// <summary>A running container's endpoint as the engine re-adopts it after a restart.</summary>
public sealed record RunningEndpoint(string ContainerId, ContainerNetworkSettings Settings, IReadOnlyList<PortBinding> Ports);
