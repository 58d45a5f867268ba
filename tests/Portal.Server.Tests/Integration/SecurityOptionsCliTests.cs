using Portal.Server.Tests.TestSupport;

namespace Portal.Server.Tests.Integration;

/// <summary>docker run --cap-add/--cap-drop/--read-only/--tmpfs through the stock docker CLI against the real server and kernel.</summary>
[Trait("Category", Root.Category)]
[Collection(HostNetworkCollection.Name)]
public sealed class SecurityOptionsCliTests(PortalServerFixture fixture) : IClassFixture<PortalServerFixture>
{
    private async Task<PortalServerProcess> ServerAsync()
    {
        Root.Require();
        return await fixture.GetAsync();
    }

    private static string Line(string output, string key) =>
        output.Split('\n').Single(l => l.StartsWith(key + ":", StringComparison.Ordinal))[(key.Length + 1)..].Trim();

    [Fact]
    public async Task Capabilities_are_dockers_default_minus_dropped_plus_added()
    {
        var server = await ServerAsync();

        var only = await server.OkAsync("run", "--rm", "--cap-drop", "ALL", "--cap-add", "NET_BIND_SERVICE", TestImages.Tag, "grep", "Cap", "/proc/self/status");
        var chownless = await server.OkAsync("run", "--rm", "--cap-drop", "CHOWN", TestImages.Tag, "grep", "Cap", "/proc/self/status");
        var defaults = await server.OkAsync("run", "--rm", TestImages.Tag, "grep", "Cap", "/proc/self/status");
        var added = await server.OkAsync("run", "--rm", "--cap-add", "net_admin", TestImages.Tag, "grep", "Cap", "/proc/self/status");

        Assert.Equal("0000000000000400", Line(only, "CapEff"));
        Assert.Equal("0000000000000400", Line(only, "CapPrm"));
        Assert.Equal("0000000000000400", Line(only, "CapBnd"));
        Assert.Equal("00000000a80425fb", Line(defaults, "CapEff"));
        Assert.Equal("00000000a80425fa", Line(chownless, "CapEff"));
        Assert.Equal("00000000a80435fb", Line(added, "CapEff"));
        var (denied, _, deniedError) = await server.DockerAsync("run", "--rm", "--cap-drop", "CHOWN", TestImages.Tag, "chown", "1:1", "/srv/app/index.html");
        Assert.NotEqual(0, denied);
        Assert.Contains("Operation not permitted", deniedError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_read_only_root_refuses_writes_while_tmpfs_volumes_dev_and_etc_files_stay_writable()
    {
        var server = await ServerAsync();
        try
        {
            const string script = "touch /x 2>&1; echo touch=$?; touch /tmp/ok && echo tmp-ok; echo kept > /data/v && echo volume-ok; "
                + "echo x > /dev/shm/x && echo shm-ok; echo '10.9.9.9 extra' >> /etc/hosts && echo hosts-ok; mount | grep ' /tmp '; "
                + "touch /run/x 2>&1; echo run=$?";
            var output = await server.OkAsync("run", "--rm", "--read-only", "--tmpfs", "/tmp:rw,size=8m,mode=1777", "--tmpfs", "/run",
                "-v", "secopts-data:/data", TestImages.Tag, "sh", "-c", script);

            Assert.Contains("touch: /x: Read-only file system", output, StringComparison.Ordinal);
            Assert.Contains("touch=1\n", output, StringComparison.Ordinal);
            Assert.Contains("tmp-ok\n", output, StringComparison.Ordinal);
            Assert.Contains("volume-ok\n", output, StringComparison.Ordinal);
            Assert.Contains("shm-ok\n", output, StringComparison.Ordinal);
            Assert.Contains("hosts-ok\n", output, StringComparison.Ordinal);
            Assert.Contains("run=0\n", output, StringComparison.Ordinal);
            var tmp = output.Split('\n').Single(l => l.Contains(" on /tmp ", StringComparison.Ordinal));
            Assert.StartsWith("tmpfs on /tmp type tmpfs (rw,nosuid,nodev,noexec,", tmp, StringComparison.Ordinal);
            Assert.Contains("size=8192k", tmp, StringComparison.Ordinal);
            Assert.Equal("kept\n", await server.OkAsync("run", "--rm", "-v", "secopts-data:/data", TestImages.Tag, "cat", "/data/v"));

            var writable = await server.OkAsync("run", "--rm", "--tmpfs", "/tmp", TestImages.Tag, "sh", "-c", "touch /x && echo root-ok; mount | grep ' /tmp '");
            Assert.Contains("root-ok\n", writable, StringComparison.Ordinal);
            Assert.Contains("tmpfs on /tmp type tmpfs (rw,nosuid,nodev,noexec,", writable, StringComparison.Ordinal);
        }
        finally
        {
            await server.DockerAsync("volume", "rm", "secopts-data");
        }
    }

    [Fact]
    public async Task Inspect_shows_the_options_and_every_start_applies_them_again()
    {
        var server = await ServerAsync();
        try
        {
            await server.OkAsync("create", "--name", "secopts-kept", "--read-only", "--tmpfs", "/run:size=1m", "--cap-drop", "ALL",
                "--cap-add", "net_bind_service", TestImages.Tag, "sh", "-c", "grep CapEff /proc/self/status; touch /x 2>&1; mount | grep ' /run '");

            var host = await server.OkAsync("inspect", "-f",
                "{{json .HostConfig.CapAdd}} {{json .HostConfig.CapDrop}} {{.HostConfig.ReadonlyRootfs}} {{json .HostConfig.Tmpfs}}", "secopts-kept");
            Assert.Equal("[\"CAP_NET_BIND_SERVICE\"] [\"ALL\"] true {\"/run\":\"size=1m\"}\n", host);

            await server.OkAsync("start", "-a", "secopts-kept");
            await server.OkAsync("start", "secopts-kept");
            Assert.Equal("0\n", await server.OkAsync("wait", "secopts-kept"));
            var (_, stdout, stderr) = await server.DockerAsync("logs", "secopts-kept");
            var logs = stdout + stderr;
            Assert.True(Count(logs, "CapEff:\t0000000000000400") == 2, logs);
            Assert.True(Count(logs, "Read-only file system") == 2, logs);
            Assert.True(Count(logs, "tmpfs on /run type tmpfs (rw,nosuid,nodev,noexec,relatime,size=1024k") == 2, logs);
        }
        finally
        {
            await server.DockerAsync("rm", "-f", "secopts-kept");
        }
    }

    private static int Count(string text, string part) => text.Split(part).Length - 1;

    [Theory]
    [InlineData("--cap-add", "FOO", "HostConfig.CapAdd: unknown capability \"CAP_FOO\"")]
    [InlineData("--cap-drop", "NET_FLY", "HostConfig.CapDrop: unknown capability \"CAP_NET_FLY\"")]
    [InlineData("--tmpfs", "/tmp:size=lots", "HostConfig.Tmpfs[/tmp]: invalid tmpfs option \"size=lots\"")]
    [InlineData("--tmpfs", "relative", "HostConfig.Tmpfs[relative]: invalid mount path")]
    public async Task Bad_names_and_options_are_printed_by_the_cli_with_a_non_zero_exit(string flag, string value, string message)
    {
        var server = await ServerAsync();

        var (code, _, error) = await server.DockerAsync("run", "--rm", flag, value, TestImages.Tag, "true");

        Assert.NotEqual(0, code);
        Assert.Contains(message, error, StringComparison.Ordinal);
    }
}
