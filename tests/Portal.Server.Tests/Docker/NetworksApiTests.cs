using System.Net;
using System.Text;
using System.Text.Json;
using Portal.Engine.Containers;

namespace Portal.Server.Tests.Docker;

/// <summary>/networks over a real network store without a kernel: shapes and status codes.</summary>
public sealed class NetworksApiTests : IAsyncLifetime
{
    private DockerApiServer server = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => server = await DockerApiServer.StartAsync();

    public async ValueTask DisposeAsync() => await server.DisposeAsync();

    [Fact]
    public async Task Create_returns_201_with_the_id_and_makes_the_bridge()
    {
        var (status, body) = await PostAsync("/networks/create",
            """{"Name":"n1","Driver":"bridge","IPAM":{"Config":[{"Subnet":"10.231.7.0/24","Gateway":"10.231.7.254"}]},"Internal":true,"Labels":{"app":"x"}}""");

        Assert.Equal(HttpStatusCode.Created, status);
        var id = body.GetProperty("Id").GetString()!;
        Assert.Matches("^[0-9a-f]{64}$", id);
        Assert.Equal("", body.GetProperty("Warning").GetString());
        Assert.Contains("pt-" + id[..12], server.Networks.Bridges);
        var stored = server.Networks.Store.Get("n1");
        Assert.Equal("10.231.7.0/24", stored.Subnet.ToString());
        Assert.Equal("10.231.7.254", stored.Gateway!.ToString());
        Assert.True(stored.Internal);
        Assert.Equal("x", stored.Labels["app"]);
    }

    [Fact]
    public async Task Create_refuses_a_taken_name_with_409_and_an_overlapping_subnet()
    {
        await PostAsync("/networks/create", """{"Name":"n1","IPAM":{"Config":[{"Subnet":"10.231.8.0/24"}]}}""");

        var (nameStatus, nameBody) = await PostAsync("/networks/create", """{"Name":"n1"}""");
        var (overlapStatus, overlapBody) = await PostAsync("/networks/create", """{"Name":"n2","IPAM":{"Config":[{"Subnet":"10.231.8.128/25"}]}}""");
        var (badStatus, badBody) = await PostAsync("/networks/create", """{"Name":"n3","IPAM":{"Config":[{"Subnet":"10.231.300.0/24"}]}}""");

        Assert.Equal(HttpStatusCode.Conflict, nameStatus);
        Assert.Equal("network with name n1 already exists", nameBody.GetProperty("message").GetString());
        Assert.True(overlapStatus is HttpStatusCode.Conflict or HttpStatusCode.BadRequest, overlapStatus.ToString());
        Assert.Contains("10.231.8", overlapBody.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, badStatus);
        Assert.Contains("10.231.300.0/24", badBody.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Null(server.Networks.Store.Find("n2"));
    }

    [Fact]
    public async Task Inspect_by_name_shows_docker_fields_and_the_endpoints()
    {
        var (_, created) = await PostAsync("/networks/create", """{"Name":"n1","IPAM":{"Config":[{"Subnet":"10.231.9.0/24"}]}}""");
        var id = created.GetProperty("Id").GetString()!;
        var a = server.Containers.Add("a", ContainerStatus.Running);
        server.Networks.Store.Allocate("n1", a.Details.Id);

        using var response = await server.Client.GetAsync("/networks/n1", Ct);
        var body = await JsonAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("n1", body.GetProperty("Name").GetString());
        Assert.Equal(id, body.GetProperty("Id").GetString());
        Assert.Equal("local", body.GetProperty("Scope").GetString());
        Assert.Equal("bridge", body.GetProperty("Driver").GetString());
        Assert.False(body.GetProperty("EnableIPv6").GetBoolean());
        Assert.Equal("default", body.GetProperty("IPAM").GetProperty("Driver").GetString());
        var config = body.GetProperty("IPAM").GetProperty("Config")[0];
        Assert.Equal("10.231.9.0/24", config.GetProperty("Subnet").GetString());
        Assert.Equal("10.231.9.1", config.GetProperty("Gateway").GetString());
        var endpoint = body.GetProperty("Containers").GetProperty(a.Details.Id);
        Assert.Equal("a", endpoint.GetProperty("Name").GetString());
        Assert.Equal("10.231.9.2/24", endpoint.GetProperty("IPv4Address").GetString());
        Assert.Equal("pt-" + id[..12], body.GetProperty("Options").GetProperty("com.docker.network.bridge.name").GetString());
    }

    [Fact]
    public async Task Inspect_of_an_unknown_network_is_404()
    {
        using var response = await server.Client.GetAsync("/networks/nope", Ct);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("network nope not found", (await JsonAsync(response)).GetProperty("message").GetString());
    }

    [Fact]
    public async Task List_holds_the_predefined_networks_and_filters_by_name()
    {
        await PostAsync("/networks/create", """{"Name":"web1"}""");
        await PostAsync("/networks/create", """{"Name":"db1"}""");

        using var all = await server.Client.GetAsync("/networks", Ct);
        using var filtered = await server.Client.GetAsync("/networks?filters=" + Uri.EscapeDataString("""{"name":{"web":true}}"""), Ct);

        var names = (await JsonAsync(all)).EnumerateArray().Select(n => n.GetProperty("Name").GetString()).ToList();
        Assert.Equal(["bridge", "none", "host", "web1", "db1"], names);
        Assert.Equal(["web1"], (await JsonAsync(filtered)).EnumerateArray().Select(n => n.GetProperty("Name").GetString()).ToList());
    }

    [Fact]
    public async Task Remove_is_204_and_drops_the_bridge()
    {
        var (_, created) = await PostAsync("/networks/create", """{"Name":"n1"}""");
        var id = created.GetProperty("Id").GetString()!;

        using var response = await server.Client.DeleteAsync("/networks/" + id[..12], Ct);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Null(server.Networks.Store.Find("n1"));
        Assert.DoesNotContain("pt-" + id[..12], server.Networks.Bridges);
    }

    [Fact]
    public async Task Remove_of_a_predefined_network_is_403_with_dockers_text()
    {
        using var response = await server.Client.DeleteAsync("/networks/bridge", Ct);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("bridge is a pre-defined network and cannot be removed", (await JsonAsync(response)).GetProperty("message").GetString());
    }

    [Fact]
    public async Task Remove_with_active_endpoints_is_403_and_keeps_the_network()
    {
        var (_, created) = await PostAsync("/networks/create", """{"Name":"n1"}""");
        var id = created.GetProperty("Id").GetString()!;
        server.Networks.Store.Allocate("n1", new string('c', 64));

        using var response = await server.Client.DeleteAsync("/networks/n1", Ct);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal($"error while removing network: network n1 id {id} has active endpoints",
            (await JsonAsync(response)).GetProperty("message").GetString());
        Assert.NotNull(server.Networks.Store.Find("n1"));
    }

    [Fact]
    public async Task Connect_and_disconnect_pass_the_container_aliases_address_and_the_networks_stored_name()
    {
        var (_, created) = await PostAsync("/networks/create", """{"Name":"n1"}""");
        var id = created.GetProperty("Id").GetString()!;
        var a = server.Containers.Add("a", ContainerStatus.Running);

        var (connect, _) = await PostAsync($"/networks/{id[..12]}/connect",
            """{"Container":"a","EndpointConfig":{"Aliases":["db","cache"],"IPAMConfig":{"IPv4Address":"10.1.2.3"}}}""");
        var (disconnect, _) = await PostAsync("/networks/n1/disconnect", """{"Container":"a","Force":true}""");

        Assert.Equal(HttpStatusCode.OK, connect);
        Assert.Equal(HttpStatusCode.OK, disconnect);
        var (container, endpoint) = Assert.Single(server.Containers.Connects);
        Assert.Equal(a.Details.Id, container);
        Assert.Equal("n1", endpoint.NetworkName);
        Assert.Equal(["db", "cache"], endpoint.Aliases);
        Assert.Equal("10.1.2.3", endpoint.IPv4Address);
        Assert.Equal((a.Details.Id, "n1", true), Assert.Single(server.Containers.Disconnects));
    }

    [Fact]
    public async Task Connect_refuses_none_and_host_networks_unknown_networks_and_containers_and_bad_bodies()
    {
        await PostAsync("/networks/create", """{"Name":"n1"}""");
        server.Containers.Add("a", ContainerStatus.Running);

        var (none, noneBody) = await PostAsync("/networks/none/connect", """{"Container":"a"}""");
        var (host, _) = await PostAsync("/networks/host/disconnect", """{"Container":"a"}""");
        var (unknownNetwork, unknownBody) = await PostAsync("/networks/backend/connect", """{"Container":"a"}""");
        var (unknownContainer, _) = await PostAsync("/networks/n1/connect", """{"Container":"nobody"}""");
        var (noContainer, noContainerBody) = await PostAsync("/networks/n1/connect", """{}""");
        var (badAliases, badAliasesBody) = await PostAsync("/networks/n1/connect", """{"Container":"a","EndpointConfig":{"Aliases":"db"}}""");

        Assert.Equal(HttpStatusCode.BadRequest, none);
        Assert.Equal("container cannot be connected to or disconnected from network none: the null driver's networks are chosen at create (--network) and cannot be joined or left",
            noneBody.GetProperty("message").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, host);
        Assert.Equal(HttpStatusCode.NotFound, unknownNetwork);
        Assert.Equal("network backend not found", unknownBody.GetProperty("message").GetString());
        Assert.Equal(HttpStatusCode.NotFound, unknownContainer);
        Assert.Equal(HttpStatusCode.BadRequest, noContainer);
        Assert.Equal("network connect: Container is required", noContainerBody.GetProperty("message").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, badAliases);
        Assert.Contains("EndpointConfig.Aliases", badAliasesBody.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Empty(server.Containers.Connects);
        Assert.Empty(server.Containers.Disconnects);
    }

    private async Task<(HttpStatusCode Status, JsonElement Body)> PostAsync(string path, string json)
    {
        using var content = new StringContent(json, Encoding.UTF8, "application/json");
        using var response = await server.Client.PostAsync(path, content, Ct);
        return (response.StatusCode, await JsonAsync(response));
    }

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync(Ct);
        if (text.Length == 0)
        {
            return default;
        }

        using var document = JsonDocument.Parse(text);
        return document.RootElement.Clone();
    }
}
