using System.Globalization;
using System.Text.Json.Nodes;
using Portal.Engine.Containers;

namespace Portal.Server.Apis.Docker;

/// <summary>A container's network mode, published ports and endpoint in Docker's inspect and list shapes.</summary>
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
        var networks = new JsonObject();
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

            networks[endpoint.NetworkName] = new JsonObject
            {
                ["IPAMConfig"] = null,
                ["Links"] = null,
                ["Aliases"] = null,
                ["MacAddress"] = endpoint.MacAddress,
                ["NetworkID"] = endpoint.NetworkId,
                ["EndpointID"] = "",
                ["Gateway"] = endpoint.Gateway,
                ["IPAddress"] = endpoint.IPAddress,
                ["IPPrefixLen"] = endpoint.PrefixLength,
                ["IPv6Gateway"] = "",
                ["GlobalIPv6Address"] = "",
                ["GlobalIPv6PrefixLen"] = 0,
            };
        }

        return new JsonObject
        {
            ["SandboxKey"] = endpoint?.SandboxKey ?? "",
            ["Ports"] = ports,
            ["IPAddress"] = endpoint?.IPAddress ?? "",
            ["IPPrefixLen"] = endpoint?.PrefixLength ?? 0,
            ["Gateway"] = endpoint?.Gateway ?? "",
            ["MacAddress"] = endpoint?.MacAddress ?? "",
            ["Networks"] = networks,
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

    public static JsonObject ListNetworks(ContainerDetails c) =>
        c.NetworkSettings is { } endpoint
            ? new JsonObject
            {
                [endpoint.NetworkName] = new JsonObject
                {
                    ["NetworkID"] = endpoint.NetworkId,
                    ["Gateway"] = endpoint.Gateway,
                    ["IPAddress"] = endpoint.IPAddress,
                    ["IPPrefixLen"] = endpoint.PrefixLength,
                    ["MacAddress"] = endpoint.MacAddress,
                },
            }
            : [];

    private static JsonObject Binding(string hostIp, string hostPort) => new()
    {
        ["HostIp"] = hostIp,
        ["HostPort"] = hostPort,
    };

    private static string AnyIfEmpty(string hostIp) => hostIp.Length == 0 ? "0.0.0.0" : hostIp;
}
