using System.Net;

namespace Portal.Server.Tests.Docker;

[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class DockerApiHostTests
{
    [Fact]
    public async Task Socket_is_root_only_in_a_private_directory()
    {
        await using var server = await DockerApiServer.StartAsync();

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(server.SocketPath));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute,
            File.GetUnixFileMode(Path.GetDirectoryName(server.SocketPath)!));
    }

    [Fact]
    public async Task A_stale_socket_file_is_replaced_and_the_socket_removed_on_stop()
    {
        string? socket = null;
        var server = await DockerApiServer.StartAsync(path =>
        {
            socket = path;
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, "left over by a crash");
        });
        await using (server)
        {
            using var ping = await server.Client.GetAsync("/_ping", TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.OK, ping.StatusCode);
        }

        Assert.False(File.Exists(socket));
    }
}
