using Portal.Server.Tests.TestSupport;

namespace Portal.Server.Tests.Integration;

/// <summary>Containers outlive a SIGKILLed server; the next server re-adopts them (Docker's live restore).</summary>
[Trait("Category", Root.Category)]
[Collection(HostNetworkCollection.Name)]
public sealed class LiveRestoreTests : IAsyncLifetime
{
    private readonly string _dir = Directory.CreateTempSubdirectory("portal-restore-").FullName;
    private PortalServerProcess? _server;

    private string Data => Path.Combine(_dir, "data");

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await PortalServerFixture.RemoveAllContainersAsync(_server);
            await _server.DisposeAsync();
        }

        await HostNetworkCleanup.ReleaseAsync(_dir);
        Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public async Task Killed_server_restarts_into_running_containers_with_continuous_logs()
    {
        Root.Require();
        _server = await PortalServerProcess.StartAsync(Data);
        Assert.Equal(0, (await _server.DockerAsync("load", "-i", TestImages.WriteDockerArchive(_dir))).ExitCode);
        foreach (var name in new[] { "one", "two" })
        {
            var run = await _server.DockerAsync("run", "-d", "--name", name, TestImages.Tag, "sh", "-c", "i=0; while :; do i=$((i+1)); echo tick$i; sleep 0.2; done");
            Assert.True(run.ExitCode == 0, run.Stderr);
        }

        Assert.Equal(0, (await _server.DockerAsync("run", "-d", "--name", "brief", TestImages.Tag, "sh", "-c", "sleep 2; exit 7")).ExitCode);
        await Task.Delay(500, TestContext.Current.CancellationToken);

        await _server.KillAsync();
        await Task.Delay(TimeSpan.FromSeconds(3), TestContext.Current.CancellationToken);
        _server = await PortalServerProcess.StartAsync(Data);
        await Task.Delay(500, TestContext.Current.CancellationToken);

        var running = (await _server.DockerAsync("ps", "--format", "{{.Names}} {{.State}}")).Stdout;
        Assert.Contains("one running", running, StringComparison.Ordinal);
        Assert.Contains("two running", running, StringComparison.Ordinal);
        var brief = (await _server.DockerAsync("inspect", "-f", "{{.State.Status}} {{.State.ExitCode}}", "brief")).Stdout.Trim();
        Assert.Equal("exited 7", brief);
        var logs = (await _server.DockerAsync("logs", "one")).Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        // tick numbers run on without a gap across the server's death: the shim kept writing.
        var ticks = logs.Select(l => int.Parse(l["tick".Length..], System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        Assert.True(ticks.Length >= 20, $"only {ticks.Length} lines");
        Assert.Equal(Enumerable.Range(1, ticks.Length), ticks);
        Assert.Equal(0, (await _server.DockerAsync("stop", "-t", "1", "one")).ExitCode);
        Assert.Contains("exited", (await _server.DockerAsync("inspect", "-f", "{{.State.Status}}", "one")).Stdout, StringComparison.Ordinal);
    }
}
