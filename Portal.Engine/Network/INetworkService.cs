using Portal.Engine.Network.Ipam;
using Portal.Engine.Network.Networks;

namespace Portal.Engine.Network;

/// <summary>User-defined networks as the Docker API sees them: the stored definition plus its bridge and firewall.</summary>
public interface INetworkService
{
    /// <summary>Stores the network, then creates its bridge and firewall network; a failure removes all of it.</summary>
    Task<NetworkDefinition> CreateNetworkAsync(NetworkCreateRequest request, CancellationToken cancellationToken);

    IReadOnlyList<NetworkDefinition> ListNetworks();

    /// <summary>By full id, exact name or unique id prefix; NotFoundException otherwise.</summary>
    NetworkDefinition GetNetwork(string idOrName);

    /// <summary>Address leases of the network (its endpoints).</summary>
    IReadOnlyList<NetworkLease> Endpoints(string idOrName);

    /// <summary>Removes a user network with its bridge and firewall rules; ForbiddenException for predefined or in-use ones.</summary>
    Task RemoveNetworkAsync(string idOrName, CancellationToken cancellationToken);
}
