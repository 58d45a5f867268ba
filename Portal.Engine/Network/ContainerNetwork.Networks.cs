using Portal.Engine.Errors;
using Portal.Engine.Network.Ipam;
using Portal.Engine.Network.Networks;

namespace Portal.Engine.Network;

public sealed partial class ContainerNetwork
{
    public async Task<NetworkDefinition> CreateNetworkAsync(NetworkCreateRequest request, CancellationToken cancellationToken)
    {
        var network = networks.Create(request);
        try
        {
            return await EnsureBridgeAsync(network, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            await RemoveBridgeAsync(network, CancellationToken.None).ConfigureAwait(false);
            networks.Remove(network.Id);
            throw new EngineException($"create network {network.Name}: {ex.Message}", ex);
        }
    }

    public IReadOnlyList<NetworkDefinition> ListNetworks() => networks.List();

    public NetworkDefinition GetNetwork(string idOrName) => networks.Get(idOrName);

    public IReadOnlyList<NetworkLease> Endpoints(string idOrName) => networks.Leases(networks.Get(idOrName).Id);

    public async Task RemoveNetworkAsync(string idOrName, CancellationToken cancellationToken)
    {
        var network = networks.Remove(idOrName);
        await RemoveBridgeAsync(network, cancellationToken).ConfigureAwait(false);
    }

    private async Task RemoveBridgeAsync(NetworkDefinition network, CancellationToken cancellationToken)
    {
        if (firewall.State.Networks.Any(n => n.Name == network.Name))
        {
            await Try(network.Id, () => firewall.RemoveNetworkAsync(network.Name, cancellationToken)).ConfigureAwait(false);
        }

        if (network.BridgeName is { } bridge)
        {
            await Try(network.Id, () => netlink.DeleteLinkIfExistsAsync(bridge, cancellationToken)).ConfigureAwait(false);
        }
    }
}
