namespace Portal.Engine.Containers;

/// <summary>One endpoint of a running container: its interface in the network named <see cref="NetworkName"/>.</summary>
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
    /// <summary>The interface inside the container; records written before several networks only had eth0.</summary>
    public string Interface { get; init; } = "eth0";
    /// <summary>Names other containers on this network resolve to this endpoint (Docker's network-scoped aliases).</summary>
    public IReadOnlyList<string> Aliases { get; init; } = [];
    /// <summary>Docker's EndpointID: random, made when the endpoint is.</summary>
    public string EndpointId { get; init; } = "";
}
