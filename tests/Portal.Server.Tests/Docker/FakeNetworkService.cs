using Portal.Engine.Network;
using Portal.Engine.Network.Ipam;
using Portal.Engine.Network.Networks;

namespace Portal.Server.Tests.Docker;

/// <summary>A real NetworkStore (no host routes) with the bridges recorded instead of created.</summary>
internal sealed class FakeNetworkService(string directory) : INetworkService
{
    public NetworkStore Store { get; } = new(directory, hostRoutes: new NoHostRoutes());

    public HashSet<string> Bridges { get; } = [];

    public Task<NetworkDefinition> CreateNetworkAsync(NetworkCreateRequest request, CancellationToken cancellationToken)
    {
        var network = Store.Create(request);
        Bridges.Add(network.BridgeName!);
        return Task.FromResult(network);
    }

    public IReadOnlyList<NetworkDefinition> ListNetworks() => Store.List();

    public NetworkDefinition GetNetwork(string idOrName) => Store.Get(idOrName);

    public IReadOnlyList<NetworkLease> Endpoints(string idOrName) => Store.Leases(Store.Get(idOrName).Id);

    public Task RemoveNetworkAsync(string idOrName, CancellationToken cancellationToken)
    {
        Bridges.Remove(Store.Remove(idOrName).BridgeName!);
        return Task.CompletedTask;
    }

    private sealed class NoHostRoutes : IHostRoutes
    {
        public IReadOnlyList<Ipv4Cidr> Read() => [];
    }
}
