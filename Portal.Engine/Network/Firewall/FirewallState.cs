using Portal.Engine.Errors;

namespace Portal.Engine.Network.Firewall;

/// <summary>
/// Everything Portal's nft table must express, immutable. Every change returns a new, checked state;
/// the generator turns a state into the one transaction that replaces the whole table.
/// Networks are kept ordered by name and ports by host endpoint, so equal states give equal scripts.
/// </summary>
public sealed class FirewallState
{
    public static readonly FirewallState Empty = new([], []);

    private FirewallState(IReadOnlyList<FirewallNetwork> networks, IReadOnlyList<PublishedPort> ports)
    {
        Networks = networks;
        Ports = ports;
    }

    public IReadOnlyList<FirewallNetwork> Networks { get; }
    public IReadOnlyList<PublishedPort> Ports { get; }

    public bool IsEmpty => Networks.Count == 0 && Ports.Count == 0;

    /// <summary>Builds a checked state from scratch (startup: every network and every running container's ports).</summary>
    public static FirewallState Create(IEnumerable<FirewallNetwork> networks, IEnumerable<PublishedPort> ports)
    {
        var state = Empty;
        foreach (var network in networks)
        {
            state = state.WithNetwork(network);
        }

        foreach (var group in ports.GroupBy(p => p.ContainerId, StringComparer.Ordinal))
        {
            state = state.WithPorts(group.Key, group);
        }

        return state;
    }

    /// <summary>Adds a network, or replaces the one of the same name.</summary>
    public FirewallState WithNetwork(FirewallNetwork network)
    {
        var others = Networks.Where(n => n.Name != network.Name).ToList();
        foreach (var other in others)
        {
            if (other.Bridge == network.Bridge)
            {
                throw new ConflictException($"network {network.Name}: bridge {network.Bridge} is already used by network {other.Name}");
            }

            if (other.Subnet.Contains(network.Subnet.BaseAddress) || network.Subnet.Contains(other.Subnet.BaseAddress))
            {
                throw new ConflictException($"network {network.Name}: subnet {network.Subnet} overlaps subnet {other.Subnet} of network {other.Name}");
            }
        }

        others.Add(network);
        var state = new FirewallState(Sorted(others), Ports);
        foreach (var port in Ports)
        {
            state.NetworkOf(port);
        }

        return state;
    }

    /// <summary>Removes a network; refused while a published port still points into it.</summary>
    public FirewallState WithoutNetwork(string name)
    {
        var network = Networks.FirstOrDefault(n => n.Name == name);
        if (network is null)
        {
            return this;
        }

        var user = Ports.FirstOrDefault(p => network.Subnet.Contains(p.ContainerAddress));
        if (user is not null)
        {
            throw new ConflictException($"network {name} has a published port of container {user.ContainerId} ({user.HostEndpoint})");
        }

        return new FirewallState(Networks.Where(n => n.Name != name).ToList(), Ports);
    }

    /// <summary>
    /// Sets the published ports of one container (replacing any it had). Refuses a port another container
    /// or this request already holds, with Docker's message.
    /// </summary>
    public FirewallState WithPorts(string containerId, IEnumerable<PublishedPort> ports)
    {
        FirewallNames.ContainerId(containerId);
        var kept = Ports.Where(p => p.ContainerId != containerId).ToList();
        foreach (var port in ports)
        {
            if (port.ContainerId != containerId)
            {
                throw new InvalidArgumentException($"published port {port.HostEndpoint} belongs to container {port.ContainerId}, not {containerId}");
            }

            NetworkOf(port);
            if (kept.Any(port.ClashesWith))
            {
                throw PortAlreadyAllocatedException.For(port);
            }

            kept.Add(port);
        }

        return new FirewallState(Networks, Sorted(kept));
    }

    public FirewallState WithoutContainer(string containerId) =>
        Ports.Any(p => p.ContainerId == containerId)
            ? new FirewallState(Networks, Ports.Where(p => p.ContainerId != containerId).ToList())
            : this;

    /// <summary>The published port already in this state that claims the same host port, if any.</summary>
    public PublishedPort? FindClash(PublishedPort port) => Ports.FirstOrDefault(port.ClashesWith);

    /// <summary>The network a port's container address lies in; ports go only to non-internal Portal networks.</summary>
    public FirewallNetwork NetworkOf(PublishedPort port)
    {
        var network = Networks.FirstOrDefault(n => n.Subnet.Contains(port.ContainerAddress))
            ?? throw new InvalidArgumentException($"published port {port.HostEndpoint}: container address {port.ContainerAddress} of container {port.ContainerId} is in no Portal network");
        return network.Internal
            ? throw new InvalidArgumentException($"published port {port.HostEndpoint}: network {network.Name} is internal and cannot publish ports")
            : network;
    }

    private static List<FirewallNetwork> Sorted(List<FirewallNetwork> networks) =>
        [.. networks.OrderBy(n => n.Name, StringComparer.Ordinal)];

    private static List<PublishedPort> Sorted(List<PublishedPort> ports) =>
        [.. ports
            .OrderBy(p => p.HostPort)
            .ThenBy(p => p.Protocol)
            .ThenBy(p => p.HostAddress.GetAddressBytes(), AddressOrder.Instance)
            .ThenBy(p => p.ContainerId, StringComparer.Ordinal)];
}
