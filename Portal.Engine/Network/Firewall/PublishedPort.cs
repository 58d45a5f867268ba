using System.Net;
using Portal.Engine.Errors;

namespace Portal.Engine.Network.Firewall;

/// <summary>
/// One published port: <see cref="HostAddress"/>:<see cref="HostPort"/> on the host forwards to
/// <see cref="ContainerAddress"/>:<see cref="ContainerPort"/>. A host address of 0.0.0.0 means every local address.
/// </summary>
public sealed record PublishedPort
{
    public PublishedPort(string containerId, IPAddress containerAddress, int containerPort, PortProtocol protocol, IPAddress hostAddress, int hostPort)
    {
        ContainerId = FirewallNames.ContainerId(containerId);
        ContainerAddress = FirewallNames.IPv4(containerAddress, "container address");
        ContainerPort = FirewallNames.Port(containerPort, "container port");
        Protocol = Enum.IsDefined(protocol) ? protocol : throw new InvalidArgumentException($"invalid protocol {(int)protocol} for a published port (want tcp or udp)");
        HostAddress = FirewallNames.IPv4(hostAddress, "host address");
        HostPort = FirewallNames.Port(hostPort, "host port");
    }

    /// <summary>Docker-style input: protocol "tcp"/"udp", host address "" or "0.0.0.0" for every address.</summary>
    public static PublishedPort Create(string containerId, string containerAddress, int containerPort, string protocol, string hostAddress, int hostPort) =>
        new(containerId,
            FirewallNames.IPv4(containerAddress, "container address"),
            containerPort,
            PortProtocols.Parse(protocol),
            FirewallNames.IPv4(hostAddress.Length == 0 ? "0.0.0.0" : hostAddress, "host address"),
            hostPort);

    public string ContainerId { get; }
    public IPAddress ContainerAddress { get; }
    public int ContainerPort { get; }
    public PortProtocol Protocol { get; }
    public IPAddress HostAddress { get; }
    public int HostPort { get; }

    public bool AnyHostAddress => HostAddress.Equals(IPAddress.Any);

    /// <summary>Docker's wording, e.g. "127.0.0.1:18080".</summary>
    public string HostEndpoint => $"{HostAddress}:{HostPort}";

    /// <summary>Both claim the same host port: same protocol and port, and one address covers the other.</summary>
    public bool ClashesWith(PublishedPort other) =>
        Protocol == other.Protocol && HostPort == other.HostPort
        && (AnyHostAddress || other.AnyHostAddress || HostAddress.Equals(other.HostAddress));
}
