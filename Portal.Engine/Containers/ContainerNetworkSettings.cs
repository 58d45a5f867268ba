namespace Portal.Engine.Containers;

/// <summary>Where a running container is attached (one endpoint, in the network named <see cref="NetworkName"/>).</summary>
public sealed record ContainerNetworkSettings
{
    public required string NetworkName { get; init; }
    public required string NetworkId { get; init; }
    public required string IPAddress { get; init; }
    public required int PrefixLength { get; init; }
    public required string Gateway { get; init; }
    public string MacAddress { get; init; } = "";
    /// <summary>The network namespace file the container joins (Docker's SandboxKey).</summary>
    public required string SandboxKey { get; init; }
}
