using Portal.Engine.Containers;

namespace Portal.Engine.Network;

/// <summary>
/// Connects containers to the default bridge network: namespace, veth, address, published ports, and
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

    /// <summary>Create time: the stored name of the network a container asks for by name or id; NotFoundException when there is none.</summary>
    string ResolveNetwork(string nameOrId) =>
        nameOrId == NetworkModes.Bridge ? nameOrId : throw new Errors.NotFoundException($"network {nameOrId} not found");

    /// <summary>After the container's process runs: its published ports forward to it.</summary>
    Task PublishAsync(string containerId, ContainerNetworkSettings settings, IReadOnlyList<PortBinding> ports, CancellationToken cancellationToken);

    /// <summary>Removes everything the container had (ports, veth, namespace, lease); nothing there is not an error.</summary>
    Task DetachAsync(string containerId, CancellationToken cancellationToken);

    /// <summary>Engine startup: the firewall holds exactly the ports of these running containers; leases of others are dropped.</summary>
    Task RestoreAsync(IReadOnlyList<RunningEndpoint> running, CancellationToken cancellationToken);
}
