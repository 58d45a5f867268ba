using System.Net;
using Portal.Engine.Errors;
using Portal.Engine.Network.Ipam;

namespace Portal.Engine.Network.Networks;

public sealed partial class NetworkStore
{
    /// <summary>Bridge interfaces of user networks: "pt-" and the first 12 hex of the id (15 characters, IFNAMSIZ - 1).</summary>
    public static string BridgeNameFor(string networkId) => "pt-" + networkId[..12];

    public NetworkDefinition Create(NetworkCreateRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        NetworkNames.Validate(request.Name);
        if (request.Driver is not (null or "" or "bridge"))
        {
            throw new InvalidArgumentException(
                $"network driver \"{request.Driver}\" is not supported: Portal networks use the bridge driver");
        }

        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in request.Labels ?? new Dictionary<string, string>())
        {
            if (string.IsNullOrWhiteSpace(key))
            {
                throw new InvalidArgumentException($"network {request.Name}: a label has an empty key");
            }

            labels[key] = value ?? "";
        }

        if (request.Gateway is not null && request.Subnet is null)
        {
            throw new InvalidArgumentException(
                $"network {request.Name}: gateway {request.Gateway} needs a subnet to go with it");
        }

        lock (_lock)
        {
            if (FindByName(request.Name) is not null)
            {
                throw new ConflictException($"network with name {request.Name} already exists");
            }

            var subnet = request.Subnet is null ? SelectSubnet() : ValidateSubnet(request.Subnet, request.Name);
            var gateway = request.Gateway is null ? subnet.FirstHost : ValidateGateway(request.Gateway, subnet, request.Name);
            var id = NewId();
            return AddNew(new NetworkDefinition
            {
                Id = id,
                Name = request.Name,
                Driver = NetworkDriver.Bridge,
                Subnet = subnet,
                Gateway = gateway,
                BridgeName = BridgeNameFor(id),
                Internal = request.Internal,
                Labels = labels,
                Created = _time.GetUtcNow(),
            }).Definition;
        }
    }

    public NetworkDefinition Remove(string idOrName)
    {
        lock (_lock)
        {
            var state = ResolveOrThrow(idOrName);
            var definition = state.Definition;
            if (definition.Predefined)
            {
                throw new ForbiddenException($"{definition.Name} is a pre-defined network and cannot be removed");
            }

            if (state.LeaseCount > 0)
            {
                throw new ForbiddenException(
                    $"error while removing network: network {definition.Name} id {definition.Id} has active endpoints");
            }

            DeleteFile(definition.Id);
            _networks.Remove(definition.Id);
            return definition;
        }
    }

    /// <summary>Validates a user's subnet and checks it against every other network (caller holds the lock).</summary>
    private Ipv4Cidr ValidateSubnet(string text, string networkName)
    {
        var subnet = Ipv4Cidr.Parse(text, $"subnet for network {networkName}");
        if (subnet.PrefixLength > 30)
        {
            throw new InvalidArgumentException(
                $"invalid subnet {subnet} for network {networkName}: the prefix must be /30 or shorter to leave room for a gateway and a container");
        }

        var clash = _networks.Values.FirstOrDefault(n => n.Definition.Subnet is { } other && other.Overlaps(subnet));
        if (clash is not null)
        {
            throw new ConflictException(
                $"subnet {subnet} of network {networkName} overlaps subnet {clash.Definition.Subnet} of network {clash.Definition.Name}");
        }

        return subnet;
    }

    private static IPAddress ValidateGateway(string text, Ipv4Cidr subnet, string networkName)
    {
        var gateway = Ipv4.Parse(text, $"gateway for network {networkName}");
        if (!subnet.Contains(gateway))
        {
            throw new InvalidArgumentException(
                $"gateway {gateway} of network {networkName} is outside its subnet {subnet}");
        }

        if (gateway.Equals(subnet.Network) || gateway.Equals(subnet.Broadcast))
        {
            throw new InvalidArgumentException(
                $"gateway {gateway} of network {networkName} is the {(gateway.Equals(subnet.Network) ? "network" : "broadcast")} address of {subnet}");
        }

        return gateway;
    }

    /// <summary>The first pool subnet clear of every network and host route (caller holds the lock).</summary>
    private Ipv4Cidr SelectSubnet()
    {
        var taken = _networks.Values.Select(n => n.Definition.Subnet).OfType<Ipv4Cidr>().ToList();
        return SubnetSelector.Select(_options.AddressPools, taken, _hostRoutes.Read());
    }

    /// <summary>Writes a new network's file, then adds it to memory (caller holds the lock).</summary>
    private NetworkState AddNew(NetworkDefinition definition)
    {
        var state = new NetworkState(definition);
        WriteFile(state);
        _networks.Add(definition.Id, state);
        return state;
    }
}
