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
    // The source-generated reader sets every init property, absent ones to null: records written before several
    // networks have none of the three below.

    /// <summary>The interface inside the container; records written before several networks only had eth0.</summary>
    public string Interface { get; init => field = string.IsNullOrEmpty(value) ? "eth0" : value; } = "eth0";

    /// <summary>Names other containers on this network resolve to this endpoint (Docker's network-scoped aliases).</summary>
    public IReadOnlyList<string> Aliases { get; init => field = value ?? []; } = [];

    /// <summary>Docker's EndpointID: random, made when the endpoint is.</summary>
    public string EndpointId { get; init => field = value ?? ""; } = "";

    /// <summary>Value equality, aliases compared by content.</summary>
    public bool Equals(ContainerNetworkSettings? other) =>
        other is not null && NetworkName == other.NetworkName && NetworkId == other.NetworkId && IPAddress == other.IPAddress
        && PrefixLength == other.PrefixLength && Gateway == other.Gateway && MacAddress == other.MacAddress && SandboxKey == other.SandboxKey
        && Interface == other.Interface && EndpointId == other.EndpointId && Aliases.SequenceEqual(other.Aliases);

    public override int GetHashCode() => HashCode.Combine(NetworkId, IPAddress, Interface, EndpointId);
}
