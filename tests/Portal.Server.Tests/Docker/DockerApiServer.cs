using System.Diagnostics;
using System.Net.Sockets;
using Microsoft.Extensions.Logging.Abstractions;
using Portal.Server.Apis.Docker;
using Portal.Server.Extensions;
using Portal.Server.Tests.TestSupport;

namespace Portal.Server.Tests.Docker;

/// <summary>A DockerApiHost on a temporary socket over fake engine services, with an HttpClient and the docker CLI.</summary>
internal sealed class DockerApiServer : IAsyncDisposable
{
    private readonly string directory;
    private readonly DockerApiHost host;

    private DockerApiServer(string directory, PortalPaths paths, HttpClient client)
    {
        this.directory = directory;
        Containers = new FakeContainerService(Images);
        Networks = new FakeNetworkService(Path.Combine(directory, "engine"));
        host = new DockerApiHost(paths, Containers, Images, Events, Networks, NullLoggerFactory.Instance);
        Client = client;
    }

    public FakeImageService Images { get; } = new();
    public FakeContainerService Containers { get; }
    public FakeEventService Events { get; } = new();
    public FakeNetworkService Networks { get; }

    public HttpClient Client { get; }
    public string SocketPath => host.SocketPath;

    public static async Task<DockerApiServer> StartAsync(Action<string>? beforeStart = null)
    {
        // Short path: a unix socket address holds at most 107 bytes.
        var directory = Path.Combine(Path.GetTempPath(), "pdapi-" + Guid.NewGuid().ToString("N")[..8]);
        var socket = Path.Combine(directory, "run", "engine.sock");
        var paths = new PortalPaths(directory, Path.Combine(directory, "engine"), socket, "/nonexistent/portal-init");
        var handler = new SocketsHttpHandler
        {
            ConnectCallback = async (_, cancellationToken) =>
            {
                var s = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
                await s.ConnectAsync(new UnixDomainSocketEndPoint(socket), cancellationToken);
                return new NetworkStream(s, ownsSocket: true);
            },
        };
        var client = new HttpClient(handler) { BaseAddress = new Uri("http://api.moby.localhost") };
        var server = new DockerApiServer(directory, paths, client);
        beforeStart?.Invoke(socket);
        await server.host.StartAsync(TestContext.Current.CancellationToken);
        return server;
    }

    public Task<(int ExitCode, string Stdout, string Stderr)> DockerAsync(params string[] args) =>
        DockerCli.RunAsync(SocketPath, Path.Combine(directory, "cli"), args);

    public async ValueTask DisposeAsync()
    {
        await host.StopAsync(CancellationToken.None);
        await host.DisposeAsync();
        Client.Dispose();
        Directory.Delete(directory, recursive: true);
    }
}
