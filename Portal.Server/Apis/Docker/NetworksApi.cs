using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.HttpResults;
using Portal.Engine.Containers;
using Portal.Engine.Errors;
using Portal.Engine.Network;
using Portal.Engine.Network.Networks;

namespace Portal.Server.Apis.Docker;

/// <summary>/networks: create, list, inspect, remove, connect and disconnect containers.</summary>
internal static class NetworksApi
{
    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapPost("/networks/create", CreateAsync);
        app.MapGet("/networks", ListAsync);
        app.MapGet("/networks/{id}", InspectAsync);
        app.MapDelete("/networks/{id}", RemoveAsync);
        app.MapPost("/networks/{id}/connect", ConnectAsync);
        app.MapPost("/networks/{id}/disconnect", DisconnectAsync);
    }

    private static async Task<DockerJsonResult> CreateAsync(HttpContext context, INetworkService networks)
    {
        using var body = await JsonDocument.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted);
        var created = await networks.CreateNetworkAsync(ParseCreate(body.RootElement), context.RequestAborted);
        return new DockerJsonResult(new JsonObject { ["Id"] = created.Id, ["Warning"] = "" }, StatusCodes.Status201Created);
    }

    internal static NetworkCreateRequest ParseCreate(JsonElement body)
    {
        if (body.ValueKind != JsonValueKind.Object)
        {
            throw new InvalidArgumentException("network create: want a JSON object");
        }

        string? subnet = null, gateway = null;
        if (body.TryGetProperty("IPAM", out var ipam) && ipam.ValueKind == JsonValueKind.Object
            && ipam.TryGetProperty("Config", out var config) && config.ValueKind == JsonValueKind.Array)
        {
            if (config.GetArrayLength() > 1)
            {
                throw new InvalidArgumentException("network create: IPAM.Config holds more than one subnet; Portal networks have one IPv4 subnet");
            }

            foreach (var entry in config.EnumerateArray())
            {
                subnet = Text(entry, "Subnet");
                gateway = Text(entry, "Gateway");
            }
        }

        if (body.TryGetProperty("EnableIPv6", out var v6) && v6.ValueKind == JsonValueKind.True)
        {
            throw new InvalidArgumentException("network create: EnableIPv6 is not supported: Portal networks are IPv4 only");
        }

        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        if (body.TryGetProperty("Labels", out var labelNode) && labelNode.ValueKind == JsonValueKind.Object)
        {
            foreach (var label in labelNode.EnumerateObject())
            {
                labels[label.Name] = label.Value.ValueKind == JsonValueKind.String ? label.Value.GetString()! : label.Value.GetRawText();
            }
        }

        return new NetworkCreateRequest
        {
            Name = Text(body, "Name") ?? throw new InvalidArgumentException("network create: Name is required"),
            Driver = Text(body, "Driver"),
            Subnet = subnet,
            Gateway = gateway,
            Internal = body.TryGetProperty("Internal", out var isInternal) && isInternal.ValueKind == JsonValueKind.True,
            Labels = labels,
        };
    }

    private static string? Text(JsonElement obj, string field) =>
        obj.TryGetProperty(field, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text
            ? text
            : null;

    private static async Task<DockerJsonResult> ListAsync(HttpContext context, INetworkService networks, IContainerService containers)
    {
        var filters = DockerFilters.Parse(context.Request.String("filters"), "name", "id", "driver", "label");
        var all = await containers.ListAsync(all: true, context.RequestAborted);
        var list = networks.ListNetworks()
            .Where(n => filters.Matches("name", v => n.Name.Contains(v, StringComparison.Ordinal)))
            .Where(n => filters.Matches("id", v => n.Id.StartsWith(v, StringComparison.Ordinal)))
            .Where(n => filters.Matches("driver", v => DriverName(n) == v))
            .Where(n => filters.MatchesLabels(n.Labels))
            .Select(n => (JsonNode?)Inspect(n, networks, all));
        return new DockerJsonResult(new JsonArray([.. list]));
    }

    private static async Task<DockerJsonResult> InspectAsync(string id, HttpContext context, INetworkService networks, IContainerService containers)
    {
        var network = networks.GetNetwork(id);
        var all = await containers.ListAsync(all: true, context.RequestAborted);
        return new DockerJsonResult(Inspect(network, networks, all));
    }

    private static async Task<NoContent> RemoveAsync(string id, HttpContext context, INetworkService networks)
    {
        await networks.RemoveNetworkAsync(id, context.RequestAborted);
        return TypedResults.NoContent();
    }

    /// <summary>{"Container":"..","EndpointConfig":{"Aliases":[..],"IPAMConfig":{"IPv4Address":".."}}}; 200 with no body, as Docker.</summary>
    private static async Task<IResult> ConnectAsync(string id, HttpContext context, INetworkService networks, IContainerService containers)
    {
        using var body = await JsonDocument.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted);
        var network = Joinable(networks.GetNetwork(id));
        var (container, endpoint) = ParseConnect(body.RootElement, network.Name);
        await containers.ConnectAsync(container, endpoint, context.RequestAborted);
        return TypedResults.Ok();
    }

    /// <summary>{"Container":"..","Force":false}: Force (for Docker's stale swarm endpoints) changes nothing here.</summary>
    private static async Task<IResult> DisconnectAsync(string id, HttpContext context, INetworkService networks, IContainerService containers)
    {
        using var body = await JsonDocument.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted);
        var network = Joinable(networks.GetNetwork(id));
        var container = ContainerOf(body.RootElement, "network disconnect");
        var force = body.RootElement.TryGetProperty("Force", out var f) && f.ValueKind == JsonValueKind.True;
        await containers.DisconnectAsync(container, network.Name, force, context.RequestAborted);
        return TypedResults.Ok();
    }

    private static NetworkDefinition Joinable(NetworkDefinition network) =>
        network.HasAddresses
            ? network
            : throw new InvalidArgumentException(
                $"container cannot be connected to or disconnected from network {network.Name}: the {DriverName(network)} driver's networks are chosen at create (--network) and cannot be joined or left");

    internal static (string Container, ContainerEndpointConfig Endpoint) ParseConnect(JsonElement body, string network)
    {
        var container = ContainerOf(body, "network connect");
        var aliases = new List<string>();
        string? address = null;
        if (body.TryGetProperty("EndpointConfig", out var config) && config.ValueKind == JsonValueKind.Object)
        {
            aliases.AddRange(ContainerCreateMapper.EndpointAliases(config, "EndpointConfig"));
            address = ContainerCreateMapper.EndpointAddress(config, "EndpointConfig");
        }

        return (container, new ContainerEndpointConfig { NetworkName = network, Aliases = aliases, IPv4Address = address });
    }

    private static string ContainerOf(JsonElement body, string operation) =>
        body.ValueKind == JsonValueKind.Object ? Text(body, "Container") ?? throw new InvalidArgumentException($"{operation}: Container is required")
            : throw new InvalidArgumentException($"{operation}: want a JSON object");

    private static string DriverName(NetworkDefinition n) => n.Driver switch
    {
        NetworkDriver.Host => "host",
        NetworkDriver.Null => "null",
        _ => "bridge",
    };

    internal static JsonObject Inspect(NetworkDefinition n, INetworkService networks, IReadOnlyList<ContainerDetails> containers)
    {
        var endpoints = new JsonObject();
        foreach (var lease in networks.Endpoints(n.Id))
        {
            var container = containers.FirstOrDefault(c => c.Id == lease.ContainerId);
            var endpoint = container?.Endpoints.FirstOrDefault(e => e.NetworkId == n.Id);
            endpoints[lease.ContainerId] = new JsonObject
            {
                ["Name"] = container?.Name ?? "",
                ["EndpointID"] = endpoint?.EndpointId ?? "",
                ["MacAddress"] = endpoint?.MacAddress ?? "",
                ["IPv4Address"] = $"{lease.Address}/{n.Subnet?.PrefixLength}",
                ["IPv6Address"] = "",
            };
        }

        var ipamConfig = new JsonArray();
        if (n.Subnet is { } subnet)
        {
            ipamConfig.Add(new JsonObject { ["Subnet"] = subnet.ToString(), ["Gateway"] = n.Gateway?.ToString() ?? "" });
        }

        var options = new JsonObject();
        if (n.BridgeName is { } bridge)
        {
            options["com.docker.network.bridge.name"] = bridge;
        }

        return new JsonObject
        {
            ["Name"] = n.Name,
            ["Id"] = n.Id,
            ["Created"] = DockerTime.Rfc3339Nano(n.Created),
            ["Scope"] = "local",
            ["Driver"] = DriverName(n),
            ["EnableIPv6"] = false,
            ["IPAM"] = new JsonObject { ["Driver"] = "default", ["Options"] = null, ["Config"] = ipamConfig },
            ["Internal"] = n.Internal,
            ["Attachable"] = false,
            ["Ingress"] = false,
            ["ConfigFrom"] = new JsonObject { ["Network"] = "" },
            ["ConfigOnly"] = false,
            ["Containers"] = endpoints,
            ["Options"] = options,
            ["Labels"] = JsonNodes.Map(n.Labels),
        };
    }
}
