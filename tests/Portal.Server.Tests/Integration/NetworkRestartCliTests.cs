using Portal.Server.Tests.TestSupport;

namespace Portal.Server.Tests.Integration;

/// <summary>A user network outlives its bridge (a host reboot deletes every link): the next server start re-creates it.</summary>
[Trait("Category", Root.Category)]
[Collection(HostNetworkCollection.Name)]
public sealed class NetworkRestartCliTests : IAsyncLifetime
{
    private static readonly Dictionary<string, string?> NoEnvironment = [];
    private readonly string _dir = Directory.CreateTempSubdirectory("portal-netrestart-").FullName;
    private PortalServerProcess? _server;

    private string Data => Path.Combine(_dir, "data");

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DockerAsync("network", "rm", "keep");
            await _server.DisposeAsync();
        }

        await HostNetworkCleanup.ReleaseAsync(_dir);
        Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public async Task Server_start_recreates_the_bridge_of_a_user_network_with_no_containers()
    {
        Root.Require();
        _server = await PortalServerProcess.StartAsync(Data);
        var third = Random.Shared.Next(100, 250);
        var (created, id, error) = await _server.DockerAsync("network", "create", "--subnet", $"10.232.{third}.0/24", "keep");
        Assert.True(created == 0, error);
        var bridge = "pt-" + id.Trim()[..12];
        await _server.KillAsync();
        await _server.DisposeAsync();
        var (deleted, _, deleteError) = await CommandLine.RunAsync("ip", ["link", "del", bridge], NoEnvironment);
        Assert.True(deleted == 0, deleteError);

        _server = await PortalServerProcess.StartAsync(Data);

        var (shown, link, _) = await CommandLine.RunAsync("ip", ["-o", "-4", "addr", "show", "dev", bridge], NoEnvironment);
        Assert.Equal(0, shown);
        Assert.Contains($"inet 10.232.{third}.1/24", link, StringComparison.Ordinal);
        var (_, state, _) = await CommandLine.RunAsync("ip", ["-o", "link", "show", bridge], NoEnvironment);
        Assert.Contains(",UP", state, StringComparison.Ordinal);
        var (_, table, _) = await CommandLine.RunAsync("nft", ["list", "table", "inet", "portal"], NoEnvironment);
        Assert.Contains(bridge, table, StringComparison.Ordinal);
    }
}
