using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Portal.Engine.Images;
using Portal.Server.Tests.TestSupport;

namespace Portal.Server.Tests.Integration;

/// <summary>Publishing a port of a busybox httpd appliance on the default bridge, driven by the stock docker CLI.</summary>
[Trait("Category", Root.Category)]
[Collection(HostNetworkCollection.Name)]
public sealed class BridgeNetworkCliTests(PortalServerFixture fixture) : IClassFixture<PortalServerFixture>
{
    internal const string WebTag = "localhost/portal-test/web:1";
    internal const string Page = "<h1>hello from the appliance</h1>";
    private static readonly Dictionary<string, string?> NoEnvironment = [];
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Published_port_serves_the_page_and_everything_goes_away_with_the_container()
    {
        Root.Require();
        var server = await fixture.GetAsync();
        await server.OkAsync("load", "-i", WriteWebImage(fixture.Directory));
        var port = LoopbackPort.Free();
        // Other Portal servers on this host may own veths of their own: only what this test adds counts.
        var initial = await VethsAsync();

        var id = (await server.OkAsync("run", "-d", "-p", $"127.0.0.1:{port}:8080", "--name", "web", WebTag)).Trim();

        Assert.Equal(Page + "\n", await GetPageAsync(port));
        Assert.Equal($"8080/tcp -> 127.0.0.1:{port}", (await server.OkAsync("port", "web")).Trim());
        var address = IPAddress.Parse((await server.OkAsync("inspect", "-f", "{{.NetworkSettings.IPAddress}}", "web")).Trim());
        var gateway = IPAddress.Parse((await server.OkAsync("inspect", "-f", "{{.NetworkSettings.Gateway}}", "web")).Trim());
        var prefix = int.Parse((await server.OkAsync("inspect", "-f", "{{.NetworkSettings.IPPrefixLen}}", "web")).Trim(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(new IPNetwork(Masked(gateway, prefix), prefix).Contains(address), $"{address} not in {gateway}/{prefix}");
        Assert.NotEqual(gateway, address);
        Assert.Contains($"127.0.0.1:{port}->8080/tcp", await server.OkAsync("ps", "--filter", "name=web"), StringComparison.Ordinal);

        var (code, _, stderr) = await server.DockerAsync("run", "-d", "-p", $"127.0.0.1:{port}:8080", "--name", "web2", WebTag);

        Assert.Equal(125, code);
        Assert.Contains($"Bind for 127.0.0.1:{port} failed: port is already allocated", stderr, StringComparison.Ordinal);
        Assert.Equal("", (await server.OkAsync("ps", "-aq", "--filter", "name=web2")).Trim());
        Assert.Equal([HostVeth(id)], (await VethsAsync()).Except(initial));
        Assert.Equal(Page + "\n", await GetPageAsync(port));

        await server.OkAsync("rm", "-f", "web");

        Assert.Empty((await VethsAsync()).Except(initial));
        var (_, namespaces, _) = await CommandLine.RunAsync("ip", ["netns", "list"], NoEnvironment);
        Assert.DoesNotContain("portal-" + id[..12], namespaces, StringComparison.Ordinal);
        var (_, table, _) = await CommandLine.RunAsync("nft", ["-j", "list", "table", "inet", "portal"], NoEnvironment);
        Assert.DoesNotContain(id[..12], table, StringComparison.Ordinal);
        Assert.DoesNotContain($"{port}", table, StringComparison.Ordinal);
    }

    /// <summary>
    /// Every host address change makes Chromium on this host fail its queued requests (ERR_NETWORK_CHANGED), and the
    /// kernel would give each container's host veth an IPv6 link-local address on start and take it away on removal.
    /// </summary>
    [Fact]
    public async Task Starting_and_removing_a_container_adds_and_removes_no_host_address()
    {
        Root.Require();
        var server = await fixture.GetAsync();
        await server.OkAsync("load", "-i", WriteWebImage(fixture.Directory));
        var port = LoopbackPort.Free();
        var monitor = new ProcessStartInfo("stdbuf", ["-oL", "ip", "-o", "monitor", "address"]) { RedirectStandardOutput = true };
        using var watching = Process.Start(monitor)!;
        var events = watching.StandardOutput.ReadToEndAsync(Ct);
        await Task.Delay(300, Ct);

        var id = (await server.OkAsync("run", "-d", "-p", $"127.0.0.1:{port}:8080", "--name", "quiet", WebTag)).Trim();
        Assert.Equal(Page + "\n", await GetPageAsync(port));
        var link = (await CommandLine.RunAsync("ip", ["-d", "link", "show", "dev", HostVeth(id)], NoEnvironment)).Stdout;
        // The kernel announces a link-local address once duplicate address detection ends, about a second after
        // the veth gets carrier (one probe, RetransTimer 1 s); a container removed sooner would show nothing either way.
        await Task.Delay(2500, Ct);
        await server.OkAsync("rm", "-f", "quiet");
        await Task.Delay(300, Ct);
        watching.Kill();

        var changes = (await events).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(!changes.Any(l => l.Contains(HostVeth(id), StringComparison.Ordinal)),
            $"address changes on the host while {HostVeth(id)} came and went:\n{string.Join('\n', changes)}");
        Assert.Contains("addrgenmode none", link, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Killed_server_restarts_with_the_published_port_still_answering()
    {
        Root.Require();
        var data = Path.Combine(fixture.Directory, "restore-data");
        var server = await PortalServerProcess.StartAsync(data);
        try
        {
            await server.OkAsync("load", "-i", WriteWebImage(fixture.Directory));
            var port = LoopbackPort.Free();
            var id = (await server.OkAsync("run", "-d", "-p", $"127.0.0.1:{port}:8080", "--name", "kept", WebTag)).Trim();
            Assert.Equal(Page + "\n", await GetPageAsync(port));

            await server.KillAsync();
            await server.DisposeAsync();
            server = await PortalServerProcess.StartAsync(data);

            Assert.Equal($"8080/tcp -> 127.0.0.1:{port}", (await server.OkAsync("port", "kept")).Trim());
            Assert.Equal(Page + "\n", await GetPageAsync(port));
            var (_, table, _) = await CommandLine.RunAsync("nft", ["-j", "list", "table", "inet", "portal"], NoEnvironment);
            Assert.Contains(id[..12], table, StringComparison.Ordinal);

            // Only a restored firewall state knows the port belongs to this container and can take it out again.
            await server.OkAsync("rm", "-f", "kept");
            Assert.DoesNotContain(HostVeth(id), await VethsAsync());
            var (_, after, _) = await CommandLine.RunAsync("nft", ["-j", "list", "table", "inet", "portal"], NoEnvironment);
            Assert.DoesNotContain(id[..12], after, StringComparison.Ordinal);
        }
        finally
        {
            await PortalServerFixture.RemoveAllContainersAsync(server);
            await server.DisposeAsync();
        }
    }

    [Fact]
    public async Task Startup_sweeps_the_endpoint_of_a_container_it_has_no_record_of_and_leaves_other_stores_alone()
    {
        Root.Require();
        var neighbour = await fixture.GetAsync();
        await neighbour.OkAsync("load", "-i", WriteWebImage(fixture.Directory));
        var data = Path.Combine(fixture.Directory, "sweep-data");
        var server = await PortalServerProcess.StartAsync(data);
        var containers = Path.Combine(data, "engine", "containers");
        var aside = Path.Combine(data, "engine", "aside");
        string? id = null;
        try
        {
            var other = (await neighbour.OkAsync("run", "-d", "--network", "bridge", "--name", "neighbour", WebTag)).Trim();
            await server.OkAsync("load", "-i", WriteWebImage(fixture.Directory));
            id = (await server.OkAsync("run", "-d", "--network", "bridge", "--name", "orphan", WebTag)).Trim();
            Assert.Contains(HostVeth(id), await VethsAsync());

            await server.KillAsync();
            await server.DisposeAsync();
            // The record vanishes while the endpoint stays: what a crash between two steps can leave.
            Directory.Move(Path.Combine(containers, id), aside);
            server = await PortalServerProcess.StartAsync(data);
            Assert.Equal("", (await server.OkAsync("ps", "-aq")).Trim());

            var veths = await VethsAsync();
            Assert.DoesNotContain(HostVeth(id), veths);
            Assert.Contains(HostVeth(other), veths);
            var (_, namespaces, _) = await CommandLine.RunAsync("ip", ["netns", "list"], NoEnvironment);
            Assert.DoesNotContain("portal-" + id[..12], namespaces, StringComparison.Ordinal);
            Assert.Contains("portal-" + other[..12], namespaces, StringComparison.Ordinal);
            Assert.Equal("running", (await neighbour.OkAsync("inspect", "-f", "{{.State.Status}}", "neighbour")).Trim());
        }
        finally
        {
            // Give the record back so the engine ends the still-running process and frees its cgroup.
            if (id is not null && Directory.Exists(aside))
            {
                await server.DisposeAsync();
                Directory.Move(aside, Path.Combine(containers, id));
                server = await PortalServerProcess.StartAsync(data);
            }

            await PortalServerFixture.RemoveAllContainersAsync(server);
            await server.DisposeAsync();
            await neighbour.OkAsync("rm", "-f", "neighbour");
        }
    }

    [Fact]
    public async Task Fifty_create_remove_cycles_with_a_published_port_leave_no_veth_rule_namespace_or_lease()
    {
        Root.Require();
        var server = await fixture.GetAsync();
        await server.OkAsync("load", "-i", WriteWebImage(fixture.Directory));
        var port = LoopbackPort.Free();
        var ids = new List<string>();

        for (var i = 0; i < 50; i++)
        {
            ids.Add((await server.OkAsync("run", "-d", "-p", $"127.0.0.1:{port}:8080", "--name", "cycle", WebTag)).Trim());
            await server.OkAsync("rm", "-f", "cycle");
        }

        var veths = await VethsAsync();
        var (_, namespaces, _) = await CommandLine.RunAsync("ip", ["netns", "list"], NoEnvironment);
        var (_, table, _) = await CommandLine.RunAsync("nft", ["-j", "list", "table", "inet", "portal"], NoEnvironment);
        var leases = string.Concat(Directory.GetFiles(Path.Combine(fixture.DataDirectory, "engine", "networks"), "*.json").Select(File.ReadAllText));
        Assert.Equal(50, ids.Distinct().Count());
        Assert.All(ids, id =>
        {
            Assert.DoesNotContain(HostVeth(id), veths);
            Assert.DoesNotContain("portal-" + id[..12], namespaces, StringComparison.Ordinal);
            Assert.DoesNotContain(id[..12], table, StringComparison.Ordinal);
            Assert.DoesNotContain(id, leases, StringComparison.Ordinal);
        });
        Assert.DoesNotContain($"{port}", table, StringComparison.Ordinal);
    }

    private static string HostVeth(string id) => "pv" + id[..11];

    private static async Task<List<string>> VethsAsync()
    {
        var (_, links, _) = await CommandLine.RunAsync("ip", ["-o", "link", "show"], NoEnvironment);
        return [.. links.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => l.Split(':', 3)[1].Trim().Split('@')[0])
            .Where(name => name.StartsWith("pv", StringComparison.Ordinal))];
    }

    private static IPAddress Masked(IPAddress address, int prefix)
    {
        var bits = System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(address.GetAddressBytes());
        var mask = prefix == 0 ? 0u : uint.MaxValue << (32 - prefix);
        var bytes = new byte[4];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(bytes, bits & mask);
        return new IPAddress(bytes);
    }

    /// <summary>httpd needs a moment after docker run returns; connection refusals until then are expected.</summary>
    internal static async Task<string> GetPageAsync(int port)
    {
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        Exception? last = null;
        for (var attempt = 0; attempt < 100; attempt++)
        {
            try
            {
                return await client.GetStringAsync(new Uri($"http://127.0.0.1:{port}/"), Ct);
            }
            catch (HttpRequestException e)
            {
                last = e;
                await Task.Delay(100, Ct);
            }
        }

        throw new InvalidOperationException($"127.0.0.1:{port} never answered", last);
    }

    internal static string WriteWebImage(string directory)
    {
        var build = BusyboxImage.Create(
            WebTag,
            new ImageConfig { Cmd = ["/bin/busybox", "httpd", "-f", "-p", "8080", "-h", "/www"], ExposedPorts = ["8080/tcp"] },
            [LayerSource.FromEntries(LayerEntry.Directory("www"), LayerEntry.File("www/index.html", Page + "\n"))]);
        var path = Path.Combine(directory, "web-oci.tar");
        using var file = File.Create(path);
        OciImageWriter.WriteOciArchive(build, file);
        return path;
    }
}
