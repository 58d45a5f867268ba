namespace Portal.Engine.Containers;

/// <summary>
/// A network a container is connected to, as asked at create or by connect: made into an endpoint at every start
/// (and at once when the container runs).
/// </summary>
public sealed record ContainerEndpointConfig
{
    /// <summary>At create and connect the name or id as asked; in the record the network's stored name.</summary>
    public required string NetworkName { get; init; }
    public IReadOnlyList<string> Aliases { get; init => field = value ?? []; } = [];
    /// <summary>A fixed address (docker's --ip); null = the next free one.</summary>
    public string? IPv4Address { get; init; }
}
