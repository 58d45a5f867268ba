using System.Net.Sockets;
using System.Text;

namespace Portal.Server.Tests.Docker;

/// <summary>The hijacked attach connection, byte by byte, as docker run drives it.</summary>
public sealed class AttachTests : IAsyncLifetime
{
    private DockerApiServer server = null!;

    public async ValueTask InitializeAsync() => server = await DockerApiServer.StartAsync();

    public async ValueTask DisposeAsync() => await server.DisposeAsync();

    [Fact]
    public async Task Attach_upgrades_then_streams_frames_and_closes_after_exit()
    {
        var ct = TestContext.Current.CancellationToken;
        server.Images.Add("sha256:" + new string('b', 64), "localhost/probe:1");
        var create = await server.Client.PostAsync("/v1.47/containers/create?name=a",
            new StringContent("""{"Image":"localhost/probe:1","Cmd":["echo","hi"]}""", Encoding.UTF8, "application/json"), ct);
        Assert.Equal(System.Net.HttpStatusCode.Created, create.StatusCode);

        using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        await socket.ConnectAsync(new UnixDomainSocketEndPoint(server.SocketPath), ct);
        await using var stream = new NetworkStream(socket);
        var request = "POST /v1.47/containers/a/attach?stderr=1&stdout=1&stream=1 HTTP/1.1\r\nHost: api.moby.localhost\r\n"
            + "Content-Length: 0\r\nConnection: Upgrade\r\nContent-Type: text/plain\r\nUpgrade: tcp\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(request), ct);
        var head = await ReadHeadAsync(stream, ct);
        Assert.StartsWith("HTTP/1.1 101 ", head, StringComparison.Ordinal);
        Assert.Contains("Content-Type: application/vnd.docker.multiplexed-stream", head, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("Upgrade: tcp", head, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("Connection: Upgrade", head, StringComparison.OrdinalIgnoreCase);
        // The CLI half-closes its side at once when it does not attach stdin.
        socket.Shutdown(SocketShutdown.Send);

        var start = await server.Client.PostAsync("/v1.47/containers/a/start", null, ct);
        Assert.Equal(System.Net.HttpStatusCode.NoContent, start.StatusCode);

        using var rest = new MemoryStream();
        await stream.CopyToAsync(rest, ct);
        Assert.Equal(new byte[] { 1, 0, 0, 0, 0, 0, 0, 3, (byte)'h', (byte)'i', (byte)'\n' }, rest.ToArray());
    }

    private static async Task<string> ReadHeadAsync(Stream stream, CancellationToken ct)
    {
        var head = new StringBuilder();
        var one = new byte[1];
        while (!head.ToString().EndsWith("\r\n\r\n", StringComparison.Ordinal))
        {
            Assert.Equal(1, await stream.ReadAsync(one, ct));
            head.Append((char)one[0]);
        }

        return head.ToString();
    }
}
