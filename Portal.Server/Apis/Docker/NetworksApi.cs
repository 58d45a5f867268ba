using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.HttpResults;
using Portal.Engine.Containers;
using Portal.Engine.Errors;
using Portal.Engine.Network;
using Portal.Engine.Network.Networks;

namespace Portal.Server.Apis.Docker;

/// <summary>/networks: create, list, inspect, remove. Connect and disconnect are refused for now.</summary>
internal static class NetworksApi
{
    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapPost("/networks/create", CreateAsync);
        app.MapGet("/networks", ListAsync);
        app.MapGet("/networks/{id}", InspectAsync);
        app.MapDelete("/networks/{id}", RemoveAsync);
        app.MapPost("/networks/{id}/connect", NotSupported);
        app.MapPost("/networks/{id}/disconnect", NotSupported);
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

    private static DockerJsonResult NotSupported() =>
        DockerJsonResult.Error(StatusCodes.Status400BadRequest, "connecting and disconnecting running containers is not supported yet: choose the network with --network at create");

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
            endpoints[lease.ContainerId] = new JsonObject
            {
                ["Name"] = container?.Name ?? "",
                ["EndpointID"] = "",
                ["MacAddress"] = container?.NetworkSettings?.MacAddress ?? "",
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
