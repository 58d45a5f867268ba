using Portal.Engine.Containers;

namespace Portal.Engine.Network;

/// <summary>
/// Connects containers to bridge networks: namespace, veths (one per network), addresses, published ports, and
/// their removal. <see cref="ContainerNetwork"/> does it with the kernel; engine unit tests fake it.
/// </summary>
public interface IContainerNetwork
{
    /// <summary>Create time: refuses ports that cannot be published (Docker's "port is already allocated").</summary>
    Task CheckPortsAsync(string containerId, IReadOnlyList<PortBinding> ports, CancellationToken cancellationToken);

    /// <summary>
    /// Create time, on the network the container is created on: the bindings with every host port the engine
    /// chooses (any free port, one of a range) filled in, after the checks of <see cref="CheckPortsAsync"/>.
    /// A chosen port never clashes with <paramref name="heldByOthers"/> (what other containers keep, running or not).
    /// </summary>
    async Task<IReadOnlyList<PortBinding>> ReservePortsAsync(string containerId, string networkName, IReadOnlyList<PortBinding> ports,
        IReadOnlyList<PortBinding> heldByOthers, CancellationToken cancellationToken)
    {
        if (ports.FirstOrDefault(p => p.IsHostPortChosen) is { } chosen)
        {
            throw new Errors.InvalidArgumentException($"PortBindings {chosen.ContainerKey}: this network cannot choose a host port (\"{chosen.RequestedHostPortText}\")");
        }

        await CheckPortsAsync(containerId, ports, cancellationToken).ConfigureAwait(false);
        return ports;
    }

    /// <summary>Before start: a network namespace with eth0 configured, ready for the container to join.</summary>
    Task<ContainerNetworkSettings> AttachAsync(string containerId, CancellationToken cancellationToken);

    /// <summary>Before start, on a named network (bridge or a user-defined one).</summary>
    Task<ContainerNetworkSettings> AttachAsync(string containerId, string networkName, CancellationToken cancellationToken) =>
        networkName == NetworkModes.Bridge
            ? AttachAsync(containerId, cancellationToken)
            : throw new Errors.NotFoundException($"network {networkName} not found");

    /// <summary>
    /// Before start, the first of several networks: as <see cref="AttachAsync(string, string, CancellationToken)"/>, with
    /// the endpoint's aliases and fixed address.
    /// </summary>
    Task<ContainerNetworkSettings> AttachAsync(string containerId, ContainerEndpointConfig endpoint, CancellationToken cancellationToken) =>
        endpoint.IPv4Address is null
            ? AttachWithAliasesAsync(this, containerId, endpoint, cancellationToken)
            : throw new Errors.InvalidArgumentException("fixed addresses are not supported by this container network");

    /// <summary>
    /// Adds an endpoint (interface eth&lt;index&gt;, no default route) to the namespace the container already has: the
    /// further networks at start, or a live connect. InvalidArgumentException when the container has no namespace of ours.
    /// </summary>
    Task<ContainerNetworkSettings> ConnectAsync(string containerId, ContainerEndpointConfig endpoint, int index, CancellationToken cancellationToken) =>
        throw new Errors.InvalidArgumentException("connecting a container to several networks is not supported by this container network");

    /// <summary>
    /// Removes one endpoint of a running container: its veth and lease, and the container's published ports when
    /// <paramref name="unpublish"/> (they go through its first endpoint). The namespace stays; nothing there is not an error.
    /// </summary>
    Task DisconnectAsync(string containerId, ContainerNetworkSettings endpoint, bool unpublish, CancellationToken cancellationToken) =>
        throw new Errors.InvalidArgumentException("disconnecting a container from a network is not supported by this container network");

    /// <summary>Create time: the stored name of the network a container asks for by name or id; NotFoundException when there is none.</summary>
    string ResolveNetwork(string nameOrId) =>
        nameOrId == NetworkModes.Bridge ? nameOrId : throw new Errors.NotFoundException($"network {nameOrId} not found");

    /// <summary>After the container's process runs: its published ports forward to it.</summary>
    Task PublishAsync(string containerId, ContainerNetworkSettings settings, IReadOnlyList<PortBinding> ports, CancellationToken cancellationToken);

    /// <summary>Removes everything the container had (ports, veth, namespace, lease); nothing there is not an error.</summary>
    Task DetachAsync(string containerId, CancellationToken cancellationToken);

    /// <summary>Engine startup: the firewall holds exactly the ports of these running containers; leases of others are dropped.</summary>
    Task RestoreAsync(IReadOnlyList<RunningEndpoint> running, CancellationToken cancellationToken);

    private static async Task<ContainerNetworkSettings> AttachWithAliasesAsync(IContainerNetwork network, string containerId,
        ContainerEndpointConfig endpoint, CancellationToken cancellationToken) =>
        await network.AttachAsync(containerId, endpoint.NetworkName, cancellationToken).ConfigureAwait(false) with { Aliases = endpoint.Aliases };
}
