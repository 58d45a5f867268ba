using System.Text.Json.Nodes;
using Portal.Engine.Containers;
using Portal.Engine.Errors;

namespace Portal.Engine.Tests.Containers;

/// <summary>Containers on several networks, connect and disconnect, and network aliases, over the fake network.</summary>
public sealed class ContainerEngineMultiNetworkTests : IAsyncLifetime
{
    private static readonly PortBinding Web = new(8080, "tcp", "127.0.0.1", 18081);
    private readonly EngineFixture _f = new();
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _f.DisposeAsync();

    private Task<ContainerDetails> CreateAsync(string name, string? mode, params ContainerEndpointConfig[] networks) =>
        _f.Engine.CreateAsync(new ContainerCreateRequest { Name = name, Image = "busybox", NetworkMode = mode, Networks = networks }, Ct);

    private static ContainerEndpointConfig On(string network, params string[] aliases) => new() { NetworkName = network, Aliases = aliases };

    private string Hosts(string id) => File.ReadAllText(Path.Combine(_f.ContainerDir(id), "hosts"));

    [Fact]
    public async Task Two_networks_at_create_start_as_eth0_with_the_first_and_eth1_with_the_second()
    {
        var c = await CreateAsync("web", "n1", On("n2"), On("n1", "db"));

        await _f.Engine.StartAsync("web", Ct);

        Assert.Equal(["check " + c.Id, "attach " + c.Id, $"connect {c.Id} n2 eth1", "publish " + c.Id], _f.Network.Calls);
        var inspected = await _f.Engine.InspectAsync("web", Ct);
        Assert.Equal(["n1", "n2"], inspected.Networks.Select(n => n.NetworkName));
        Assert.Equal(["db"], inspected.Networks[0].Aliases);
        Assert.Equal(("n1", "eth0"), (inspected.NetworkSettings!.NetworkName, inspected.NetworkSettings.Interface));
        Assert.Equal(["db"], inspected.NetworkSettings.Aliases);
        var second = Assert.Single(inspected.AdditionalNetworkSettings);
        Assert.Equal(("n2", "eth1"), (second.NetworkName, second.Interface));
        Assert.StartsWith("10.232.", second.IPAddress, StringComparison.Ordinal);
        Assert.Equal(["n1", "n2"], inspected.Endpoints.Select(e => e.NetworkName));
    }

    [Fact]
    public async Task A_live_connect_adds_an_interface_and_the_peers_hosts_entries_with_its_aliases_and_disconnect_takes_them_away()
    {
        var a = await CreateAsync("a", "n1");
        var b = await CreateAsync("b", "n2");
        await _f.Engine.StartAsync("a", Ct);
        await _f.Engine.StartAsync("b", Ct);
        // Held as b's bind mount holds it: rewrites must land on the same inode.
        using var heldByB = new FileStream(Path.Combine(_f.ContainerDir(b.Id), "hosts"), FileMode.Open, FileAccess.Read, FileShare.ReadWrite, bufferSize: 0);
        Assert.DoesNotContain("\ta", ReadFromStart(heldByB), StringComparison.Ordinal);

        await _f.Engine.ConnectAsync("a", On("n2", "api"), Ct);

        Assert.Equal($"connect {a.Id} n2 eth1", _f.Network.Calls.Last());
        var onN2 = _f.Network.Connected[(a.Id, "n2")];
        Assert.Contains($"{onN2.IPAddress}\ta {a.Config.Hostname} api\n", ReadFromStart(heldByB), StringComparison.Ordinal);
        var bAddress = _f.Network.Attached[b.Id].IPAddress;
        Assert.Contains($"{bAddress}\tb {b.Config.Hostname}\n", Hosts(a.Id), StringComparison.Ordinal);
        var inspected = await _f.Engine.InspectAsync("a", Ct);
        Assert.Equal("n1", inspected.NetworkSettings!.NetworkName);
        Assert.Equal(onN2, Assert.Single(inspected.AdditionalNetworkSettings));

        await _f.Engine.DisconnectAsync("a", "n2", force: false, Ct);

        Assert.Equal($"disconnect {a.Id} n2", _f.Network.Calls.Last());
        Assert.DoesNotContain(onN2.IPAddress, ReadFromStart(heldByB), StringComparison.Ordinal);
        Assert.DoesNotContain(bAddress, Hosts(a.Id), StringComparison.Ordinal);
        inspected = await _f.Engine.InspectAsync("a", Ct);
        Assert.Empty(inspected.AdditionalNetworkSettings);
        Assert.Equal(["n1"], inspected.Networks.Select(n => n.NetworkName));
        Assert.Equal("n1", inspected.NetworkSettings!.NetworkName);
    }

    [Fact]
    public async Task Connect_to_a_created_container_is_recorded_and_made_at_start_and_kept_across_restarts_of_it()
    {
        var c = await CreateAsync("web", "n1");

        await _f.Engine.ConnectAsync("web", On("n2", "cache"), Ct);

        Assert.Equal(["check " + c.Id], _f.Network.Calls);
        Assert.Equal(["n1", "n2"], (await _f.Engine.InspectAsync("web", Ct)).Networks.Select(n => n.NetworkName));
        await _f.Engine.StartAsync("web", Ct);
        Assert.Equal(["check " + c.Id, "attach " + c.Id, $"connect {c.Id} n2 eth1", "publish " + c.Id], _f.Network.Calls);
        Assert.Equal(["cache"], _f.Network.Connected[(c.Id, "n2")].Aliases);

        await _f.Engine.StopAsync("web", 1, cancellationToken: Ct);
        Assert.Empty(_f.Network.Connected);
        Assert.Empty((await _f.Engine.InspectAsync("web", Ct)).Endpoints);
        await _f.Engine.DisconnectAsync("web", "n1", force: false, Ct);
        await _f.Engine.StartAsync("web", Ct);

        var inspected = await _f.Engine.InspectAsync("web", Ct);
        Assert.Equal(("n2", "eth0"), (inspected.NetworkSettings!.NetworkName, inspected.NetworkSettings.Interface));
        Assert.Equal(["cache"], inspected.NetworkSettings.Aliases);
        Assert.Empty(inspected.AdditionalNetworkSettings);
    }

    [Fact]
    public async Task Connect_and_disconnect_errors_are_Dockers()
    {
        var a = await CreateAsync("a", "n1");
        await CreateAsync("isolated", NetworkModes.None);

        var twice = await Assert.ThrowsAsync<ForbiddenException>(() => _f.Engine.ConnectAsync("a", On("n1"), Ct));
        Assert.Equal("endpoint with name a already exists in network n1", twice.Message);
        Assert.Equal("No such container: nobody", (await Assert.ThrowsAsync<NotFoundException>(() => _f.Engine.ConnectAsync("nobody", On("n2"), Ct))).Message);
        Assert.Equal("network backend not found", (await Assert.ThrowsAsync<NotFoundException>(() => _f.Engine.ConnectAsync("a", On("backend"), Ct))).Message);
        await Assert.ThrowsAsync<InvalidArgumentException>(() => _f.Engine.ConnectAsync("a", On("none"), Ct));
        var none = await Assert.ThrowsAsync<InvalidArgumentException>(() => _f.Engine.ConnectAsync("isolated", On("n2"), Ct));
        Assert.Equal("container isolated uses network mode none: it cannot be connected to network n2", none.Message);
        var alias = await Assert.ThrowsAsync<InvalidArgumentException>(() => _f.Engine.ConnectAsync("a", On("bridge", "db"), Ct));
        Assert.Equal("network-scoped alias is supported only for containers in user defined networks", alias.Message);
        var badAlias = await Assert.ThrowsAsync<InvalidArgumentException>(() => _f.Engine.ConnectAsync("a", On("n2", "two words"), Ct));
        Assert.Contains("invalid alias \"two words\"", badAlias.Message, StringComparison.Ordinal);
        var badIp = await Assert.ThrowsAsync<InvalidArgumentException>(() =>
            _f.Engine.ConnectAsync("a", new ContainerEndpointConfig { NetworkName = "n2", IPv4Address = "10.0.0.300" }, Ct));
        Assert.Contains("invalid IPv4 address \"10.0.0.300\"", badIp.Message, StringComparison.Ordinal);
        var notConnected = await Assert.ThrowsAsync<NotFoundException>(() => _f.Engine.DisconnectAsync("a", "n2", false, Ct));
        Assert.Equal($"container {a.Id} is not connected to network n2", notConnected.Message);
        var twoAtCreate = await Assert.ThrowsAsync<InvalidArgumentException>(() => CreateAsync("x", NetworkModes.None, On("n1")));
        Assert.Equal("container cannot be connected to network endpoints: none and n1", twoAtCreate.Message);

        Assert.Equal(["n1"], (await _f.Engine.InspectAsync("a", Ct)).Networks.Select(n => n.NetworkName));
        Assert.DoesNotContain(_f.Network.Calls, c => c.StartsWith("connect", StringComparison.Ordinal) || c.StartsWith("disconnect", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Disconnecting_the_first_network_of_a_running_container_unpublishes_its_ports_and_a_restart_keeps_the_rest()
    {
        var c = await _f.Engine.CreateAsync(new ContainerCreateRequest { Name = "web", Image = "busybox", PortBindings = [Web] }, Ct);
        await _f.Engine.StartAsync("web", Ct);
        await _f.Engine.ConnectAsync("web", On("n1"), Ct);

        await _f.Engine.DisconnectAsync("web", "bridge", force: false, Ct);

        Assert.Equal($"disconnect {c.Id} bridge unpublish", _f.Network.Calls.Last());
        Assert.False(_f.Network.Published.ContainsKey(c.Id));
        var inspected = await _f.Engine.InspectAsync("web", Ct);
        Assert.Null(inspected.NetworkSettings);
        var kept = Assert.Single(inspected.AdditionalNetworkSettings);

        var engine = await _f.RestartEngineAsync(whileDown: _f.Network.Forget);

        var restored = Assert.Single(_f.Network.Restored!);
        Assert.Equal(kept, restored.Settings);
        Assert.Empty(restored.Ports);
        Assert.Empty(restored.Others);
        Assert.Equal(kept, Assert.Single((await engine.InspectAsync("web", Ct)).Endpoints));
    }

    [Fact]
    public async Task Engine_restart_keeps_every_endpoint_of_a_running_container()
    {
        var c = await CreateAsync("web", "n1", On("n2", "api"));
        await _f.Engine.StartAsync("web", Ct);
        var first = _f.Network.Attached[c.Id];
        var second = _f.Network.Connected[(c.Id, "n2")];

        var engine = await _f.RestartEngineAsync(whileDown: _f.Network.Forget);

        var restored = Assert.Single(_f.Network.Restored!);
        Assert.Equal("n1", restored.Settings.NetworkName);
        Assert.Equal(first.IPAddress, restored.Settings.IPAddress);
        Assert.Equal(second, Assert.Single(restored.Others));
        Assert.Equal([first.IPAddress, second.IPAddress], (await engine.InspectAsync("web", Ct)).Endpoints.Select(e => e.IPAddress));

        await engine.RemoveAsync("web", force: true, Ct);
        Assert.Equal("detach " + c.Id, _f.Network.Calls.Last());
        Assert.Empty(_f.Network.Connected);
    }

    [Fact]
    public async Task A_record_written_with_one_endpoint_loads_restores_and_starts_on_its_network()
    {
        var c = await CreateAsync("old", "n1");
        await _f.Engine.StartAsync("old", Ct);
        var settings = _f.Network.Attached[c.Id];
        var engine = await _f.RestartEngineAsync(whileDown: () =>
        {
            _f.Network.Forget();
            // As the code before several networks wrote it: no networks list, no other endpoints, no interface fields.
            var file = Path.Combine(_f.ContainerDir(c.Id), "container.json");
            var json = JsonNode.Parse(File.ReadAllText(file))!.AsObject();
            json.Remove("networks");
            json.Remove("additionalNetworkSettings");
            var endpoint = json["networkSettings"]!.AsObject();
            endpoint.Remove("interface");
            endpoint.Remove("aliases");
            endpoint.Remove("endpointId");
            File.WriteAllText(file, json.ToJsonString());
        });

        var restored = Assert.Single(_f.Network.Restored!);
        Assert.Equal(settings with { EndpointId = "" }, restored.Settings);
        Assert.Equal("eth0", restored.Settings.Interface);
        Assert.Equal(["n1"], (await engine.InspectAsync("old", Ct)).Networks.Select(n => n.NetworkName));

        await engine.ConnectAsync("old", On("n2"), Ct);
        Assert.Equal($"connect {c.Id} n2 eth1", _f.Network.Calls.Last());
    }

    private static string ReadFromStart(FileStream stream)
    {
        stream.Position = 0;
        using var reader = new StreamReader(stream, leaveOpen: true);
        return reader.ReadToEnd();
    }
}
