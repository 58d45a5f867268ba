using Portal.Engine.Containers;
using Portal.Engine.Errors;
using Portal.Engine.Volumes;

namespace Portal.Engine.Tests.Containers;

public sealed class ContainerEngineSecurityTests : IAsyncLifetime
{
    private readonly EngineFixture _f = new();
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _f.DisposeAsync();

    private static ContainerCreateRequest Locked(string name) => new()
    {
        Name = name,
        Image = "busybox",
        CapAdd = ["cap_net_bind_service"],
        CapDrop = ["ALL"],
        ReadonlyRootfs = true,
        Tmpfs = new Dictionary<string, string> { ["/tmp/"] = "size=64m", ["/run"] = "" },
    };

    [Fact]
    public async Task The_options_reach_the_runtime_spec_and_survive_an_engine_restart()
    {
        var created = await _f.Engine.CreateAsync(Locked("locked"), Ct);
        Assert.Equal(["cap_net_bind_service"], created.CapAdd);
        Assert.Equal(["ALL"], created.CapDrop);
        Assert.True(created.ReadonlyRootfs);
        Assert.Equal(new Dictionary<string, string> { ["/tmp"] = "size=64m", ["/run"] = "" }, created.Tmpfs);

        await _f.Engine.StartAsync("locked", Ct);
        var spec = _f.Runtime.Started[^1];
        Assert.Equal(["NET_BIND_SERVICE"], spec.Process.Capabilities);
        Assert.True(spec.ReadonlyRootfs);
        Assert.Equal(["noexec", "nosuid", "nodev", "size=64m"], spec.Tmpfs.Single(t => t.ContainerPath == "/tmp").Options);
        Assert.Equal(["noexec", "nosuid", "nodev"], spec.Tmpfs.Single(t => t.ContainerPath == "/run").Options);
        _f.Runtime.Exit(created.Id, 0);
        await _f.Engine.WaitAsync("locked", WaitCondition.NotRunning, Ct);

        var engine = await _f.RestartEngineAsync();
        var restored = await engine.InspectAsync("locked", Ct);
        Assert.Equal(created.CapAdd, restored.CapAdd);
        Assert.Equal(created.CapDrop, restored.CapDrop);
        Assert.True(restored.ReadonlyRootfs);
        Assert.Equal(created.Tmpfs, restored.Tmpfs);
        await engine.StartAsync("locked", Ct);
        var again = _f.Runtime.Started[^1];
        Assert.Equal(["NET_BIND_SERVICE"], again.Process.Capabilities);
        Assert.True(again.ReadonlyRootfs);
        Assert.Equal(2, again.Tmpfs.Count);
    }

    [Fact]
    public async Task A_container_without_options_gets_dockers_default_capabilities_and_a_writable_root()
    {
        await _f.Engine.CreateAsync(new ContainerCreateRequest { Name = "plain", Image = "busybox" }, Ct);
        await _f.Engine.StartAsync("plain", Ct);

        var spec = _f.Runtime.Started[^1];
        Assert.Equal(Spec.DefaultSecurity.Capabilities.Order(StringComparer.Ordinal), spec.Process.Capabilities.Order(StringComparer.Ordinal));
        Assert.False(spec.ReadonlyRootfs);
        Assert.Empty(spec.Tmpfs);
    }

    [Fact]
    public async Task A_volume_on_a_tmpfs_path_is_a_duplicate_mount_point_and_nothing_is_created()
    {
        var error = await Assert.ThrowsAsync<InvalidArgumentException>(() => _f.Engine.CreateAsync(Locked("dup") with
        {
            Volumes = [new VolumeMount("scratch", "/run")],
        }, Ct));

        Assert.Equal("Duplicate mount point: /run", error.Message);
        Assert.Empty(await _f.Engine.ListAsync(all: true, Ct));
        Assert.Empty(await _f.Engine.ListVolumesAsync(Ct));
    }
}
