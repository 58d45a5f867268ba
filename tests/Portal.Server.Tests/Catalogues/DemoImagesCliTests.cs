using Portal.Engine.Images;
using Portal.Server.Catalogues.Demo;
using Portal.Server.Tests.Integration;
using Portal.Server.Tests.TestSupport;

namespace Portal.Server.Tests.Catalogues;

/// <summary>The demo appliances' images, built by Portal's writer, run in Portal's engine and serve their pages.</summary>
[Trait("Category", Root.Category)]
[Collection(HostNetworkCollection.Name)]
public sealed class DemoImagesCliTests(PortalServerFixture fixture) : IClassFixture<PortalServerFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static DemoAppliance App(string slug) => DemoImages.Appliances.Single(a => a.Slug == slug);

    [Fact]
    public async Task Welcome_site_serves_each_version_and_stops_cleanly_on_sigterm()
    {
        Root.Require();
        var server = await fixture.GetAsync();
        foreach (var version in App("welcome").Versions)
        {
            var port = await RunAsync(server, App("welcome"), version, "welcome-" + version);

            var page = await WebProbe.GetStringAsync(new Uri($"http://127.0.0.1:{port}/"), Ct);
            Assert.Contains($"version {version}", page, StringComparison.Ordinal);
            Assert.Contains("Welcome Site", await WebProbe.GetStringAsync(new Uri($"http://127.0.0.1:{port}/about.html"), Ct), StringComparison.Ordinal);
            await server.OkAsync("stop", "-t", "10", "welcome-" + version);
            // Exit 0, not 137: the start script traps SIGTERM as PID 1 and stops httpd and the heartbeat.
            Assert.Equal("0", (await server.OkAsync("inspect", "-f", "{{.State.ExitCode}}", "welcome-" + version)).Trim());
            var logs = await server.OkAsync("logs", "welcome-" + version);
            Assert.Contains($"starting Welcome Site {version} on port 8080", logs, StringComparison.Ordinal);
            Assert.Contains("heartbeat 1 at ", logs, StringComparison.Ordinal);
            Assert.Contains("stopping", logs, StringComparison.Ordinal);
            await server.OkAsync("rm", "welcome-" + version);
        }
    }

    [Fact]
    public async Task Notes_stores_posted_notes_as_text_and_version_two_lists_newest_first()
    {
        Root.Require();
        var server = await fixture.GetAsync();
        var port = await RunAsync(server, App("notes"), "2.0.0", "notes");
        try
        {
            await PostNoteAsync(port, "first note");
            await PostNoteAsync(port, "<script>alert(1)</script> & more");

            var page = await WebProbe.GetStringAsync(new Uri($"http://127.0.0.1:{port}/"), Ct);

            Assert.Contains("2 notes", page, StringComparison.Ordinal);
            Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; more", page, StringComparison.Ordinal);
            Assert.DoesNotContain("<script>", page, StringComparison.Ordinal);
            Assert.True(page.IndexOf("&lt;script", StringComparison.Ordinal) < page.IndexOf("first note", StringComparison.Ordinal), "newest first");
        }
        finally
        {
            await server.DockerAsync("rm", "-f", "notes");
        }
    }

    [Fact]
    public async Task Greeter_shows_its_configuration_escaped_and_never_the_secret()
    {
        Root.Require();
        var server = await fixture.GetAsync();
        var port = await RunAsync(server, App("greeter"), "1.0.0", "greeter",
            "-e", "GREETING=<b>Hej</b>", "-e", "AUDIENCE=team", "-e", "ACCENT_COLOR=#112233", "-e", "ADMIN_TOKEN=s3cr3t-t0ken");
        try
        {
            var page = await WebProbe.GetStringAsync(new Uri($"http://127.0.0.1:{port}/"), Ct);

            Assert.Contains("<dd id=\"greeting\">&lt;b&gt;Hej&lt;/b&gt;</dd>", page, StringComparison.Ordinal);
            Assert.Contains("<dd id=\"audience\">team</dd>", page, StringComparison.Ordinal);
            Assert.Contains("<dd id=\"accent\">#112233</dd>", page, StringComparison.Ordinal);
            Assert.Contains("set (12 characters, not shown)", page, StringComparison.Ordinal);
            Assert.DoesNotContain("s3cr3t", page, StringComparison.Ordinal);
            Assert.Contains("version 1.0.0", page, StringComparison.Ordinal);
        }
        finally
        {
            await server.DockerAsync("rm", "-f", "greeter");
        }
    }

    private async Task<int> RunAsync(PortalServerProcess server, DemoAppliance appliance, string version, string name, params string[] options)
    {
        var archive = Path.Combine(fixture.Directory, $"demo-{appliance.Slug}-{version}.tar");
        if (!File.Exists(archive))
        {
            await using var file = File.Create(archive);
            OciImageWriter.WriteDockerArchive(DemoImages.Build(appliance, version), file);
        }

        await server.OkAsync("load", "-i", archive);
        var port = LoopbackPort.Free();
        await server.OkAsync(["run", "-d", "--name", name, "-p", $"127.0.0.1:{port}:{DemoImages.WebPort}", .. options, appliance.ImageTag(version)]);
        return port;
    }

    private static async Task PostNoteAsync(int port, string note) =>
        Assert.Equal(System.Net.HttpStatusCode.SeeOther, await WebProbe.PostFormAsync(new Uri($"http://127.0.0.1:{port}/cgi-bin/index.cgi"), "note", note, Ct));

}
