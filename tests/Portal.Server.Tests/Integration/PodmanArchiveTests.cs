using System.Formats.Tar;
using System.Text.Json;
using Portal.Server.Tests.TestSupport;

namespace Portal.Server.Tests.Integration;

/// <summary>Archives written by the real podman, not by Portal's own writer, load and run through the docker CLI.</summary>
[Trait("Category", Root.Category)]
[Collection(HostNetworkCollection.Name)]
public sealed class PodmanArchiveTests : IAsyncLifetime
{
    private const string OciTag = "localhost/podman-made:1";
    private const string DockerTag = "localhost/podman-made:docker";

    private readonly string _dir = Directory.CreateTempSubdirectory("portal-podman-").FullName;
    private Podman? _podman;
    private PortalServerProcess? _server;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await PortalServerFixture.RemoveAllContainersAsync(_server);
            await _server.DisposeAsync();
        }

        if (_podman is not null)
        {
            await _podman.DisposeAsync();
        }

        await HostNetworkCleanup.ReleaseAsync(_dir);
        Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public async Task Load_accepts_oci_and_docker_archives_saved_by_podman()
    {
        Root.Require();
        _podman = Podman.Create(Path.Combine(_dir, "podman"));
        var oci = Path.Combine(_dir, "podman-oci.tar");
        var docker = Path.Combine(_dir, "podman-docker.tar");
        // import makes an image from a tar without running a container, so podman needs no runtime here.
        await _podman.OkAsync(
            "import", "--change", """CMD ["/bin/sh"]""", "--change", "ENV GREETING=from-podman", "--change", "WORKDIR /srv",
            WriteBusyboxRootfsTar(Path.Combine(_dir, "rootfs")), OciTag);
        await _podman.OkAsync("tag", OciTag, DockerTag);
        await _podman.OkAsync("save", "--format", "oci-archive", "-o", oci, OciTag);
        await _podman.OkAsync("save", "--format", "docker-archive", "-o", docker, DockerTag);
        _server = await PortalServerProcess.StartAsync(Path.Combine(_dir, "data"));

        var loadedOci = await OkAsync("load", "-i", oci);
        var loadedDocker = await OkAsync("load", "-i", docker);

        Assert.Contains("Loaded image: " + OciTag, loadedOci, StringComparison.Ordinal);
        Assert.Contains("Loaded image: " + DockerTag, loadedDocker, StringComparison.Ordinal);
        var images = (await OkAsync("images", "--format", "{{.Repository}}:{{.Tag}}")).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains(OciTag, images);
        Assert.Contains(DockerTag, images);
        // Both saves carry podman's one config blob, so both tags name the same image.
        Assert.Equal(await OkAsync("image", "inspect", "-f", "{{.Id}}", OciTag), await OkAsync("image", "inspect", "-f", "{{.Id}}", DockerTag));
        foreach (var tag in new[] { OciTag, DockerTag })
        {
            using var config = JsonDocument.Parse(await OkAsync("image", "inspect", "-f", "{{json .Config}}", tag));
            var root = config.RootElement;
            Assert.Contains("GREETING=from-podman", root.GetProperty("Env").EnumerateArray().Select(e => e.GetString()));
            Assert.Equal(["/bin/sh"], root.GetProperty("Cmd").EnumerateArray().Select(e => e.GetString()));
            Assert.Equal("/srv", root.GetProperty("WorkingDir").GetString());
            Assert.Equal("from-podman\n/srv\n", await OkAsync("run", "--rm", tag, "sh", "-c", "echo $GREETING; pwd"));
        }

        Assert.Equal("", (await OkAsync("ps", "-aq")).Trim());
    }

    private async Task<string> OkAsync(params string[] args)
    {
        var (code, stdout, stderr) = await _server!.DockerAsync(args);
        Assert.True(code == 0, $"docker {string.Join(' ', args)} exited {code}: {stdout}{stderr}");
        return stdout;
    }

    /// <summary>A bare root filesystem: the host's busybox-static as /bin/busybox and /bin/sh, and the usual empty directories.</summary>
    private static string WriteBusyboxRootfsTar(string directory)
    {
        foreach (var name in new[] { "bin", "dev", "etc", "proc", "sys", "tmp" })
        {
            Directory.CreateDirectory(Path.Combine(directory, name));
        }

        File.Copy("/bin/busybox", Path.Combine(directory, "bin", "busybox"));
        File.CreateSymbolicLink(Path.Combine(directory, "bin", "sh"), "busybox");
        var tar = directory + ".tar";
        TarFile.CreateFromDirectory(directory, tar, includeBaseDirectory: false);
        return tar;
    }
}
