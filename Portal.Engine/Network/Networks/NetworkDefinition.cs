using System.Net;
using Portal.Engine.Network.Ipam;

namespace Portal.Engine.Network.Networks;

/// <summary>A network as stored. Bridge networks have a subnet, gateway and bridge interface; host and none have none.</summary>
public sealed record NetworkDefinition
{
    /// <summary>64 lowercase hex characters.</summary>
    public required string Id { get; init; }

    public required string Name { get; init; }

    public NetworkDriver Driver { get; init; } = NetworkDriver.Bridge;

    public Ipv4Cidr? Subnet { get; init; }

    public IPAddress? Gateway { get; init; }

    /// <summary>Host-side bridge interface (at most 15 characters, the kernel's IFNAMSIZ - 1).</summary>
    public string? BridgeName { get; init; }

    /// <summary>No masquerade and no route out: containers reach only each other.</summary>
    public bool Internal { get; init; }

    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>();

    public DateTimeOffset Created { get; init; }

    /// <summary>bridge, none or host: created by the engine, never removed.</summary>
    public bool Predefined { get; init; }

    /// <summary>True for the network containers join when none is named (Docker's "bridge").</summary>
    public bool IsDefault => Predefined && Name == NetworkNames.Bridge;

    /// <summary>True when containers on it get an address (a bridge network).</summary>
    public bool HasAddresses => Driver == NetworkDriver.Bridge && Subnet is not null;
}
