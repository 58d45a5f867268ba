using Portal.Engine.Containers;
using Portal.Engine.Errors;
using Portal.Engine.Network.Firewall;

namespace Portal.Engine.Tests.Containers;

public sealed class ContainerEngineNetworkTests : IAsyncLifetime
{
    private static readonly PortBinding Web = new(8080, "tcp", "127.0.0.1", 18081);
    private readonly EngineFixture _f = new();
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _f.DisposeAsync();

    private Task<ContainerDetails> CreateAsync(string name, IReadOnlyList<PortBinding> ports, string? mode = null) =>
        _f.Engine.CreateAsync(new ContainerCreateRequest { Name = name, Image = "busybox", PortBindings = ports, NetworkMode = mode }, Ct);

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(NetworkModes.Default)]
    public async Task Default_mode_joins_the_bridge(string? mode)
    {
        var c = await CreateAsync("plain", [], mode);
        await _f.Engine.StartAsync("plain", Ct);

        Assert.Equal(NetworkModes.Bridge, c.NetworkMode);
        Assert.Equal("/run/netns/portal-" + c.Id[..12], _f.Runtime.Started.Single().NetworkNamespacePath);
        Assert.Equal(_f.Network.Attached[c.Id], (await _f.Engine.InspectAsync("plain", Ct)).NetworkSettings);
    }

    [Fact]
    public async Task None_mode_stays_loopback_only()
    {
        var c = await CreateAsync("plain", [], NetworkModes.None);
        await _f.Engine.StartAsync("plain", Ct);

        Assert.Equal(NetworkModes.None, c.NetworkMode);
        Assert.Null(_f.Runtime.Started.Single().NetworkNamespacePath);
        Assert.Empty(_f.Network.Calls);
        Assert.Null((await _f.Engine.InspectAsync("plain", Ct)).NetworkSettings);
    }

    [Fact]
    public async Task An_engine_without_networking_keeps_default_containers_loopback_only_and_refuses_ports()
    {
        await using var f = new EngineFixture(withNetwork: false);

        var c = await f.Engine.CreateAsync(new ContainerCreateRequest { Name = "plain", Image = "busybox" }, Ct);
        await f.Engine.StartAsync("plain", Ct);
        var refused = await Assert.ThrowsAsync<InvalidArgumentException>(() =>
            f.Engine.CreateAsync(new ContainerCreateRequest { Name = "web", Image = "busybox", PortBindings = [Web] }, Ct));

        Assert.Equal(NetworkModes.Default, c.NetworkMode);
        Assert.Null(f.Runtime.Started.Single().NetworkNamespacePath);
        Assert.Contains("bridge networking is not available", refused.Message, StringComparison.Ordinal);
        Assert.Single(await f.Engine.ListAsync(all: true, Ct));
    }

    [Fact]
    public async Task Start_with_ports_attaches_joins_the_namespace_and_publishes()
    {
        var c = await CreateAsync("web", [Web]);
        await _f.Engine.StartAsync("web", Ct);

        Assert.Equal(NetworkModes.Bridge, c.NetworkMode);
        var settings = _f.Network.Attached[c.Id];
        Assert.Equal("/run/netns/portal-" + c.Id[..12], _f.Runtime.Started.Single().NetworkNamespacePath);
        Assert.Equal([Web], _f.Network.Published[c.Id]);
        var inspected = await _f.Engine.InspectAsync("web", Ct);
        Assert.Equal(settings, inspected.NetworkSettings);
        Assert.Equal([Web], inspected.PortBindings);
        Assert.Equal(["check " + c.Id, "attach " + c.Id, "publish " + c.Id], _f.Network.Calls);
        var saved = await File.ReadAllTextAsync(Path.Combine(_f.ContainerDir(c.Id), "container.json"), Ct);
        Assert.Contains(settings.IPAddress, saved, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Publish_all_and_any_free_port_are_chosen_once_at_create_and_kept_across_restarts()
    {
        var first = await CreateAsync("first", [new PortBinding(80, "tcp", "", 0)]);
        var c = await _f.Engine.CreateAsync(new ContainerCreateRequest
        {
            Name = "all",
            Image = "busybox",
            PublishAllPorts = true,
            ExposedPorts = ["8080/tcp", "53/udp"],
            PortBindings = [Web, new PortBinding(9000, "tcp", "127.0.0.1", 9000) { HostPortEnd = 9010 }],
        }, Ct);

        Assert.Equal(NetworkModes.Bridge, c.NetworkMode);
        Assert.Equal([new PortBinding(80, "tcp", "", 49153) { RequestedHostPort = "" }], first.PortBindings);
        Assert.Equal(first.PortBindings, _f.Network.LastHeld);
        Assert.Equal(
            [Web, new PortBinding(9000, "tcp", "127.0.0.1", 9000) { RequestedHostPort = "9000-9010" }, new PortBinding(53, "udp", "", 49154) { RequestedHostPort = "" }],
            c.PortBindings);

        await _f.Engine.StartAsync("all", Ct);
        await _f.Engine.StopAsync("all", 0, cancellationToken: Ct);
        await _f.Engine.StartAsync("all", Ct);

        Assert.Equal(c.PortBindings, _f.Network.Published[c.Id]);
        var restarted = await _f.RestartEngineAsync();
        Assert.Equal(c.PortBindings, (await restarted.InspectAsync("all", Ct)).PortBindings);
    }

    [Fact]
    public async Task Publish_all_with_network_none_is_refused()
    {
        var e = await Assert.ThrowsAsync<InvalidArgumentException>(() => _f.Engine.CreateAsync(
            new ContainerCreateRequest { Name = "n", Image = "busybox", PublishAllPorts = true, NetworkMode = NetworkModes.None }, Ct));

        Assert.Contains("port publishing", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Explicit_bridge_mode_attaches_without_ports()
    {
        var c = await CreateAsync("b", [], NetworkModes.Bridge);
        await _f.Engine.StartAsync("b", Ct);

        Assert.True(_f.Network.Attached.ContainsKey(c.Id));
        Assert.NotNull(_f.Runtime.Started.Single().NetworkNamespacePath);
    }

    [Fact]
    public async Task Exit_and_remove_tear_the_endpoint_down()
    {
        var c = await CreateAsync("web", [Web]);
        await _f.Engine.StartAsync("web", Ct);

        _f.Runtime.Exit(c.Id, 0);
        await _f.Engine.WaitAsync("web", WaitCondition.NotRunning, Ct);

        Assert.False(_f.Network.Attached.ContainsKey(c.Id));
        Assert.False(_f.Network.Published.ContainsKey(c.Id));
        Assert.Null((await _f.Engine.InspectAsync("web", Ct)).NetworkSettings);

        await _f.Engine.StartAsync("web", Ct);
        Assert.True(_f.Network.Attached.ContainsKey(c.Id));
        await _f.Engine.RemoveAsync("web", force: true, Ct);

        Assert.Empty(_f.Network.Attached);
        Assert.Empty(_f.Network.Published);
    }

    [Fact]
    public async Task Port_clash_is_refused_at_create_and_leaves_nothing()
    {
        await CreateAsync("first", [Web]);
        await _f.Engine.StartAsync("first", Ct);

        var refused = await Assert.ThrowsAsync<PortAlreadyAllocatedException>(() => CreateAsync("second", [Web with { ContainerPort = 80 }]));

        Assert.Equal("Bind for 127.0.0.1:18081 failed: port is already allocated", refused.Message);
        Assert.Single(await _f.Engine.ListAsync(all: true, Ct));
        Assert.Single(Directory.GetDirectories(Path.Combine(_f.Options.RootDirectory, "containers")));
        await Assert.ThrowsAsync<NotFoundException>(() => _f.Engine.InspectAsync("second", Ct));
    }

    [Fact]
    public async Task Failed_attach_fails_the_start_and_detaches()
    {
        var c = await CreateAsync("web", [Web]);
        _f.Network.FailAttach = true;

        var failed = await Assert.ThrowsAsync<InvalidOperationException>(() => _f.Engine.StartAsync("web", Ct));

        Assert.Equal("veth refused", failed.Message);
        Assert.Empty(_f.Runtime.Started);
        Assert.Equal("detach " + c.Id, _f.Network.Calls.Last());
        Assert.Equal(ContainerStatus.Created, (await _f.Engine.InspectAsync("web", Ct)).State.Status);
    }

    [Theory]
    [InlineData(0, "tcp", "", 80, "invalid container port 0")]
    [InlineData(80, "sctp", "", 80, "invalid protocol \"sctp\"")]
    [InlineData(80, "tcp", "::1", 80, "invalid host IP \"::1\"")]
    [InlineData(80, "tcp", "", 70000, "invalid host port \"70000\"")]
    public async Task Bad_port_specs_are_refused(int containerPort, string protocol, string hostIp, int hostPort, string message)
    {
        var bad = await Assert.ThrowsAsync<InvalidArgumentException>(() => CreateAsync("x", [new PortBinding(containerPort, protocol, hostIp, hostPort)]));

        Assert.Contains(message, bad.Message, StringComparison.Ordinal);
        Assert.Empty(_f.Network.Calls);
    }

    [Fact]
    public async Task Containers_on_a_user_network_get_hosts_entries_for_each_other_rewritten_in_place()
    {
        var a = await CreateAsync("a", [], "n1");
        var b = await CreateAsync("b", [], "n1");
        var c = await CreateAsync("c", [], NetworkModes.Bridge);
        await _f.Engine.StartAsync("a", Ct);
        await _f.Engine.StartAsync("c", Ct);
        // A handle opened now stands in for a's bind mount: it sees later rewrites only on the same inode.
        using var held = new FileStream(Path.Combine(_f.ContainerDir(a.Id), "hosts"), FileMode.Open, FileAccess.Read, FileShare.ReadWrite, bufferSize: 0);

        await _f.Engine.StartAsync("b", Ct);

        var aAddress = _f.Network.Attached[a.Id].IPAddress;
        var bAddress = _f.Network.Attached[b.Id].IPAddress;
        Assert.Contains($"{aAddress}\ta", await File.ReadAllTextAsync(Path.Combine(_f.ContainerDir(b.Id), "hosts"), Ct), StringComparison.Ordinal);
        Assert.Contains($"{bAddress}\tb", ReadFromStart(held), StringComparison.Ordinal);
        // c is on the default bridge: no entries for containers of other networks (its own hostname is hex).
        Assert.DoesNotContain($"{aAddress}\t", await File.ReadAllTextAsync(Path.Combine(_f.ContainerDir(c.Id), "hosts"), Ct), StringComparison.Ordinal);

        await _f.Engine.RemoveAsync("b", force: true, Ct);

        Assert.DoesNotContain($"{bAddress}\t", ReadFromStart(held), StringComparison.Ordinal);
        Assert.Contains($"{aAddress}\t", ReadFromStart(held), StringComparison.Ordinal);
    }

    private static string ReadFromStart(FileStream stream)
    {
        stream.Position = 0;
        using var reader = new StreamReader(stream, leaveOpen: true);
        return reader.ReadToEnd();
    }

    [Fact]
    public async Task Ports_with_none_and_unknown_networks_are_refused()
    {
        var none = await Assert.ThrowsAsync<InvalidArgumentException>(() => CreateAsync("x", [Web], NetworkModes.None));
        Assert.Contains("conflicting options", none.Message, StringComparison.Ordinal);
        var unknown = await Assert.ThrowsAsync<NotFoundException>(() => CreateAsync("y", [], "backend"));
        Assert.Equal("network backend not found", unknown.Message);
        var host = await Assert.ThrowsAsync<InvalidArgumentException>(() => CreateAsync("z", [], "host"));
        Assert.Contains("network host is not supported yet", host.Message, StringComparison.Ordinal);
        Assert.Empty(_f.Network.Calls);
    }

    [Fact]
    public async Task Restore_keeps_running_containers_ports_and_detaches_the_ones_that_exited()
    {
        var alive = await CreateAsync("alive", [Web]);
        var gone = await CreateAsync("gone", [Web with { HostPort = 18082 }]);
        await _f.Engine.StartAsync("alive", Ct);
        await _f.Engine.StartAsync("gone", Ct);
        var settings = _f.Network.Attached[alive.Id];

        var engine = await _f.RestartEngineAsync(whileDown: () =>
        {
            _f.Network.Forget();
            _f.Runtime.ExitSilently(gone.Id, 3);
        });

        var restored = Assert.Single(_f.Network.Restored!);
        Assert.Equal(alive.Id, restored.ContainerId);
        Assert.Equal(settings, restored.Settings);
        Assert.Equal([Web], restored.Ports);
        Assert.Contains("detach " + gone.Id, _f.Network.Calls);
        Assert.Equal(settings, (await engine.InspectAsync("alive", Ct)).NetworkSettings);
        Assert.Null((await engine.InspectAsync("gone", Ct)).NetworkSettings);
    }
}
