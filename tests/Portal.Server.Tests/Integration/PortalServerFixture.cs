using Portal.Server.Tests.TestSupport;

namespace Portal.Server.Tests.Integration;

/// <summary>One real Portal server per test class, started on first use (after the root check), with
/// the test image loaded. Every container is removed before the server goes away.</summary>
public sealed class PortalServerFixture : IAsyncLifetime
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private PortalServerProcess? _server;

    public string Directory { get; } = System.IO.Directory.CreateTempSubdirectory("portal-it-").FullName;

    public string DataDirectory => Path.Combine(Directory, "data");

    internal async Task<PortalServerProcess> GetAsync()
    {
        await _gate.WaitAsync(TestContext.Current.CancellationToken);
        try
        {
            if (_server is null)
            {
                _server = await PortalServerProcess.StartAsync(DataDirectory);
                var (code, stdout, stderr) = await _server.DockerAsync("load", "-i", TestImages.WriteOciArchive(Directory));
                Assert.True(code == 0, $"docker load failed: {stdout}{stderr}");
            }

            return _server;
        }
        finally
        {
            _gate.Release();
        }
    }

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await RemoveAllContainersAsync(_server);
            await _server.DisposeAsync();
        }

        // Also the stores of servers a test started itself below this directory (restart and sweep tests).
        await HostNetworkCleanup.ReleaseAsync(Directory);
        _gate.Dispose();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    internal static async Task RemoveAllContainersAsync(PortalServerProcess server)
    {
        var (_, ids, _) = await server.DockerAsync("ps", "-aq");
        foreach (var id in ids.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            await server.DockerAsync("rm", "-f", id);
        }
    }
}
