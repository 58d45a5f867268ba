using System.Text.RegularExpressions;
using Portal.Engine.Images;
using Portal.Server.Tests.TestSupport;

namespace Portal.Server.Tests.Integration;

/// <summary>Named and anonymous volumes through the stock docker CLI against the real server and engine.</summary>
[Trait("Category", Root.Category)]
[Collection(HostNetworkCollection.Name)]
public sealed partial class VolumeCliTests(PortalServerFixture fixture) : IClassFixture<PortalServerFixture>
{
    private const string Tag = "localhost/portal-test/volumes:1";

    [GeneratedRegex("^[0-9a-f]{64}$")]
    private static partial Regex AnonymousName();

    /// <summary>/data is owned by uid 1000 with a file and a symlink in it; /cache is an image VOLUME.</summary>
    private static string WriteImage(string directory)
    {
        var build = BusyboxImage.Create(Tag, new ImageConfig { Cmd = ["sh"], Volumes = ["/cache"] },
        [
            LayerSource.FromEntries(
                LayerEntry.Directory("data") with { Uid = 1000, Gid = 1000, Mode = (UnixFileMode)0x1E8 },
                LayerEntry.File("data/seed", "seeded\n") with { Uid = 1000, Gid = 1000, Mode = (UnixFileMode)0x180 },
                LayerEntry.Symlink("data/link", "seed"),
                LayerEntry.Directory("cache"),
                LayerEntry.File("cache/warm", "warm\n")),
        ]);
        var path = Path.Combine(directory, "volumes-image.tar");
        using var file = File.Create(path);
        OciImageWriter.WriteOciArchive(build, file);
        return path;
    }

    [Fact]
    public async Task Volume_data_outlives_containers_with_copy_up_ownership_and_in_use_protection()
    {
        Root.Require();
        var server = await fixture.GetAsync();
        await server.OkAsync("load", "-i", WriteImage(fixture.Directory));
        try
        {
            var first = await server.OkAsync("run", "--rm", "-v", "notes:/data", Tag, "sh", "-c",
                "echo kept > /data/note && stat -c '%u:%g %a' /data /data/seed && readlink /data/link && cat /data/seed");
            Assert.Equal("1000:1000 750\n1000:1000 600\nseed\nseeded\n", first);
            Assert.Equal("kept\n", await server.OkAsync("run", "--rm", "-v", "notes:/data", Tag, "cat", "/data/note"));
            Assert.Equal("by 1000\n", await server.OkAsync("run", "--rm", "-u", "1000", "-v", "notes:/data", Tag, "sh", "-c",
                "echo 'by 1000' > /data/user && cat /data/user"));
            Assert.Equal("kept\n", await server.OkAsync("run", "--rm", "--mount", "type=volume,src=notes,dst=/m,readonly", Tag, "cat", "/m/note"));

            var (ro, _, roError) = await server.DockerAsync("run", "--rm", "-v", "notes:/data:ro", Tag, "sh", "-c", "echo x > /data/x");
            Assert.NotEqual(0, ro);
            Assert.Contains("Read-only file system", roError, StringComparison.Ordinal);

            var holder = (await server.OkAsync("run", "-d", "--name", "holder", "-v", "notes:/data", Tag, "sleep", "300")).Trim();
            var mounts = await server.OkAsync("inspect", "-f", "{{range .Mounts}}{{.Type}} {{.Name}} {{.Destination}} {{.Driver}} {{.RW}} {{.Source}};{{end}}", "holder");
            Assert.Contains($"volume notes /data local true {fixture.DataDirectory}/engine/volumes/notes/_data;", mounts, StringComparison.Ordinal);
            var (inUse, _, inUseError) = await server.DockerAsync("volume", "rm", "notes");
            Assert.Equal(1, inUse);
            Assert.Contains($"remove notes: volume is in use - [{holder}]", inUseError, StringComparison.Ordinal);
            Assert.Equal("notes\n", await server.OkAsync("volume", "ls", "-q", "--filter", "name=notes", "--filter", "dangling=false"));
            await server.OkAsync("rm", "-f", "holder");
            Assert.Equal("kept\n", await server.OkAsync("run", "--rm", "-v", "notes:/data", Tag, "cat", "/data/note"));

            await server.OkAsync("create", "--name", "anon", Tag, "true");
            var anonymous = (await server.OkAsync("inspect", "-f", "{{range .Mounts}}{{.Name}} {{.Destination}}{{end}}", "anon")).Trim().Split(' ');
            Assert.Matches(AnonymousName(), anonymous[0]);
            Assert.Equal("/cache", anonymous[1]);
            Assert.Contains(anonymous[0], await server.OkAsync("volume", "ls", "-q"), StringComparison.Ordinal);
            await server.OkAsync("rm", "-v", "anon");
            Assert.DoesNotContain(anonymous[0], await server.OkAsync("volume", "ls", "-q"), StringComparison.Ordinal);
            Assert.Contains("notes", await server.OkAsync("volume", "ls", "-q"), StringComparison.Ordinal);
            await server.OkAsync("create", "--name", "anon", Tag, "true");
            var left = (await server.OkAsync("inspect", "-f", "{{range .Mounts}}{{.Name}}{{end}}", "anon")).Trim();
            await server.OkAsync("rm", "anon");
            Assert.Contains(left, await server.OkAsync("volume", "ls", "-q", "--filter", "dangling=true"), StringComparison.Ordinal);
            Assert.Contains(left, await server.OkAsync("volume", "prune", "-f"), StringComparison.Ordinal);
            var afterPrune = await server.OkAsync("volume", "ls", "-q");
            Assert.DoesNotContain(left, afterPrune, StringComparison.Ordinal);
            Assert.Contains("notes", afterPrune, StringComparison.Ordinal);

            var (hostBind, _, hostBindError) = await server.DockerAsync("run", "--rm", "-v", "/etc:/x", Tag, "true");
            Assert.Equal(125, hostBind);
            Assert.Contains("HostConfig.Binds: host path binds are not allowed: '/etc:/x'", hostBindError, StringComparison.Ordinal);
            var (hostile, _, hostileError) = await server.DockerAsync("volume", "create", "../../escape");
            Assert.NotEqual(0, hostile);
            Assert.Contains("includes invalid characters for a local volume name", hostileError, StringComparison.Ordinal);
            Assert.False(Directory.Exists(Path.Combine(fixture.DataDirectory, "engine", "escape")));

            await server.OkAsync("volume", "rm", "notes");
            var (gone, _, goneError) = await server.DockerAsync("volume", "inspect", "notes");
            Assert.NotEqual(0, gone);
            Assert.Contains("no such volume", goneError, StringComparison.Ordinal);
        }
        finally
        {
            await server.DockerAsync("rm", "-f", "holder", "anon");
        }
    }

}
