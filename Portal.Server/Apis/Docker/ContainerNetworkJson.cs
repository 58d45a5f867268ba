using System.Globalization;
using System.Text.Json.Nodes;
using Portal.Engine.Containers;

namespace Portal.Server.Apis.Docker;

/// <summary>A container's network mode, published ports and endpoints in Docker's inspect and list shapes.</summary>
internal static class ContainerNetworkJson
{
    /// <summary>"default" stays "bridge" as Docker names its default network; a user-defined network keeps its name.</summary>
    public static string ModeName(ContainerDetails c) =>
        c.NetworkMode == NetworkModes.None ? NetworkModes.None
        : NetworkModes.IsUserNetwork(c.NetworkMode) ? c.NetworkMode!
        : NetworkModes.Bridge;

    public static JsonObject PortBindings(ContainerDetails c)
    {
        var result = new JsonObject();
        foreach (var group in c.PortBindings.GroupBy(p => p.ContainerKey))
        {
            result[group.Key] = new JsonArray([.. group.Select(p => (JsonNode)Binding(p.HostIp, p.RequestedHostPortText))]);
        }

        return result;
    }

    public static JsonObject Settings(ContainerDetails c)
    {
        var endpoint = c.NetworkSettings;
        var ports = new JsonObject();
        if (endpoint is not null)
        {
            foreach (var exposed in c.Config.ExposedPorts)
            {
                ports[exposed] = null;
            }

            foreach (var group in c.PortBindings.GroupBy(p => p.ContainerKey))
            {
                ports[group.Key] = new JsonArray([.. group.Select(p => (JsonNode)Binding(AnyIfEmpty(p.HostIp), p.HostPort.ToString(CultureInfo.InvariantCulture)))]);
            }
        }

        return new JsonObject
        {
            ["SandboxKey"] = c.Endpoints.FirstOrDefault()?.SandboxKey ?? "",
            ["Ports"] = ports,
            ["IPAddress"] = endpoint?.IPAddress ?? "",
            ["IPPrefixLen"] = endpoint?.PrefixLength ?? 0,
            ["Gateway"] = endpoint?.Gateway ?? "",
            ["MacAddress"] = endpoint?.MacAddress ?? "",
            ["Networks"] = ListNetworks(c),
        };
    }

    /// <summary>docker ps's Ports column: the published ports of a running container.</summary>
    public static JsonArray ListPorts(ContainerDetails c) =>
        c.NetworkSettings is null
            ? []
            : new JsonArray([.. c.PortBindings.Select(p => (JsonNode)new JsonObject
            {
                ["IP"] = AnyIfEmpty(p.HostIp),
                ["PrivatePort"] = p.ContainerPort,
                ["PublicPort"] = p.HostPort,
                ["Type"] = p.Protocol,
            })]);

    /// <summary>docker ps's NETWORKS: the same entries as inspect's.</summary>
    public static JsonObject ListNetworks(ContainerDetails c)
    {
        var result = new JsonObject();
        foreach (var (name, network) in Networks(c))
        {
            result[name] = network;
        }

        return result;
    }

    /// <summary>
    /// Inspect's NetworkSettings.Networks: one entry per live endpoint, in order, then the networks a container that
    /// does not run (or has not reached them yet) is connected to, blank as Docker shows them.
    /// </summary>
    private static IEnumerable<(string Name, JsonObject Network)> Networks(ContainerDetails c)
    {
        var live = c.Endpoints.ToList();
        foreach (var endpoint in live)
        {
            var config = c.Networks.FirstOrDefault(n => n.NetworkName == endpoint.NetworkName);
            yield return (endpoint.NetworkName, Endpoint(config, endpoint.Aliases, endpoint.NetworkId, endpoint.EndpointId, endpoint.Gateway,
                endpoint.IPAddress, endpoint.PrefixLength, endpoint.MacAddress));
        }

        foreach (var config in c.Networks.Where(n => live.All(e => e.NetworkName != n.NetworkName)))
        {
            yield return (config.NetworkName, Endpoint(config, config.Aliases, "", "", "", "", 0, ""));
        }
    }

    private static JsonObject Endpoint(ContainerEndpointConfig? config, IReadOnlyList<string> aliases, string networkId, string endpointId,
        string gateway, string address, int prefixLength, string mac) => new()
        {
            ["IPAMConfig"] = config?.IPv4Address is { } fixedAddress ? new JsonObject { ["IPv4Address"] = fixedAddress } : null,
            ["Links"] = null,
            ["Aliases"] = Aliases(aliases),
            ["MacAddress"] = mac,
            ["NetworkID"] = networkId,
            ["EndpointID"] = endpointId,
            ["Gateway"] = gateway,
            ["IPAddress"] = address,
            ["IPPrefixLen"] = prefixLength,
            ["IPv6Gateway"] = "",
            ["GlobalIPv6Address"] = "",
            ["GlobalIPv6PrefixLen"] = 0,
            ["DNSNames"] = null,
        };

    private static JsonArray? Aliases(IReadOnlyList<string> aliases) =>
        aliases.Count == 0 ? null : new JsonArray([.. aliases.Select(a => (JsonNode)a)]);

    private static JsonObject Binding(string hostIp, string hostPort) => new()
    {
        ["HostIp"] = hostIp,
        ["HostPort"] = hostPort,
    };

    private static string AnyIfEmpty(string hostIp) => hostIp.Length == 0 ? "0.0.0.0" : hostIp;
}
