using System.Net;
using System.Net.Sockets;
using System.Text;
using Portal.Engine.Images;
using Portal.Engine.Network.Firewall;
using Portal.Server.Tests.TestSupport;
using static Portal.Server.Tests.Integration.BridgeNetworkCliTests;

namespace Portal.Server.Tests.Integration;

/// <summary>Host ports the engine chooses (any free port, -P, one of a range), UDP, and a published port reached from another host.</summary>
[Trait("Category", Root.Category)]
[Collection(HostNetworkCollection.Name)]
public sealed class PortPublishingCliTests(PortalServerFixture fixture) : IClassFixture<PortalServerFixture>
{
    private const string UdpTag = "localhost/portal-test/udp-echo:1";
    private static readonly Dictionary<string, string?> NoEnvironment = [];
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Free_ports_publish_all_and_host_ranges_are_chosen_once_and_kept_across_a_restart()
    {
        Root.Require();
        var server = await fixture.GetAsync();
        await server.OkAsync("load", "-i", WriteWebImage(fixture.Directory));
        var (first, last) = HostPortAllocator.ReadRange(HostPortAllocator.KernelRangePath);
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var busy = ((IPEndPoint)listener.LocalEndpoint).Port;
        try
        {
            await server.OkAsync("run", "-d", "-p", "127.0.0.1::8080", "--name", "any", WebTag);
            await server.OkAsync("run", "-d", "-P", "--name", "all", WebTag);
            await server.OkAsync("network", "create", "pp1");
            await server.OkAsync("run", "-d", "--network", "pp1", "-p", $"127.0.0.1:{busy}-{busy + 3}:8080", "--name", "ranged", WebTag);

            var any = await PublishedAsync(server, "any", "8080/tcp");
            var all = await PublishedAsync(server, "all", "8080/tcp");
            var ranged = await PublishedAsync(server, "ranged", "8080/tcp");
            Assert.Equal("127.0.0.1", any.Address);
            Assert.Equal("0.0.0.0", all.Address);
            Assert.InRange(any.Port, first, last);
            Assert.InRange(all.Port, first, last);
            Assert.NotEqual(any.Port, all.Port);
            // The range's first port is held by a host listener.
            Assert.InRange(ranged.Port, busy + 1, busy + 3);
            foreach (var port in new[] { any.Port, all.Port, ranged.Port })
            {
                Assert.Equal(Page + "\n", await GetPageAsync(port));
            }

            Assert.Contains($"127.0.0.1:{any.Port}->8080/tcp", await server.OkAsync("ps", "--filter", "name=any"), StringComparison.Ordinal);
            Assert.Equal(
                $"127.0.0.1:{busy}-{busy + 3} 127.0.0.1:{ranged.Port}",
                (await server.OkAsync("inspect", "-f",
                    "{{range (index .HostConfig.PortBindings \"8080/tcp\")}}{{.HostIp}}:{{.HostPort}}{{end}} {{range (index .NetworkSettings.Ports \"8080/tcp\")}}{{.HostIp}}:{{.HostPort}}{{end}}",
                    "ranged")).Trim());

            await server.OkAsync("restart", "-t", "0", "any");

            Assert.Equal(any, await PublishedAsync(server, "any", "8080/tcp"));
            Assert.Equal(Page + "\n", await GetPageAsync(any.Port));
        }
        finally
        {
            await server.DockerAsync("rm", "-f", "any", "all", "ranged");
            await server.DockerAsync("network", "rm", "pp1");
        }
    }

    [Fact]
    public async Task Publishing_on_an_internal_network_is_refused_at_create_and_bad_specs_name_the_field()
    {
        Root.Require();
        var server = await fixture.GetAsync();
        await server.OkAsync("load", "-i", WriteWebImage(fixture.Directory));
        await server.OkAsync("network", "create", "--internal", "ppi");
        try
        {
            // Checked against the network the container is created on, not the default one.
            var (code, _, stderr) = await server.DockerAsync("create", "--network", "ppi", "-p", "127.0.0.1::8080", "--name", "sealed", WebTag);

            Assert.NotEqual(0, code);
            Assert.Contains("network ppi is internal and cannot publish ports", stderr, StringComparison.Ordinal);
            Assert.Equal("", (await server.OkAsync("ps", "-aq", "--filter", "name=sealed")).Trim());

            (code, _, stderr) = await server.DockerAsync("create", "-p", "8080:80/sctp", WebTag);

            Assert.NotEqual(0, code);
            Assert.Contains("HostConfig.PortBindings.80/sctp: invalid protocol \"sctp\" (want tcp or udp)", stderr, StringComparison.Ordinal);
        }
        finally
        {
            await server.DockerAsync("rm", "-f", "sealed");
            await server.DockerAsync("network", "rm", "ppi");
        }
    }

    [Fact]
    public async Task A_published_udp_port_answers_datagrams_sent_from_the_host()
    {
        Root.Require();
        var server = await fixture.GetAsync();
        await server.OkAsync("load", "-i", await WriteUdpEchoImageAsync(fixture.Directory));
        try
        {
            await server.OkAsync("run", "-d", "-p", "127.0.0.1::5353/udp", "--name", "echo", UdpTag);
            var published = await PublishedAsync(server, "echo", "5353/udp");

            Assert.Equal("pong hello over udp", await UdpRoundTripAsync(published.Port, "hello over udp"));
            Assert.Contains("got hello over udp", await server.OkAsync("logs", "echo"), StringComparison.Ordinal);
        }
        finally
        {
            await server.DockerAsync("rm", "-f", "echo");
        }
    }

    [Fact]
    public async Task A_port_published_on_every_address_answers_another_host_at_the_host_s_address()
    {
        Root.Require();
        var server = await fixture.GetAsync();
        await server.OkAsync("load", "-i", WriteWebImage(fixture.Directory));
        var suffix = Convert.ToHexStringLower(BitConverter.GetBytes(Random.Shared.Next()));
        var outside = "ppout" + suffix;
        var hostVeth = "ppo" + suffix;
        var block = Random.Shared.Next(0, 64) * 4;
        var hostAddress = $"198.51.100.{block + 1}";
        try
        {
            await RunAsync("ip", "netns", "add", outside);
            await RunAsync("ip", "link", "add", hostVeth, "type", "veth", "peer", "name", "eth0", "netns", outside);
            await RunAsync("ip", "addr", "add", hostAddress + "/30", "dev", hostVeth);
            await RunAsync("ip", "link", "set", hostVeth, "up");
            await RunAsync("ip", "-n", outside, "addr", "add", $"198.51.100.{block + 2}/30", "dev", "eth0");
            await RunAsync("ip", "-n", outside, "link", "set", "eth0", "up");
            await server.OkAsync("run", "-d", "-p", "8080", "--name", "public", WebTag);
            var published = await PublishedAsync(server, "public", "8080/tcp");
            Assert.Equal("0.0.0.0", published.Address);

            var page = await FromOutsideAsync(outside, $"http://{hostAddress}:{published.Port}/");

            Assert.Equal(Page + "\n", page);
            await server.OkAsync("rm", "-f", "public");
            var (code, _, _) = await CommandLine.RunAsync("ip", ["netns", "exec", outside, "curl", "-s", "--max-time", "3", $"http://{hostAddress}:{published.Port}/"], NoEnvironment);
            Assert.NotEqual(0, code);
        }
        finally
        {
            await server.DockerAsync("rm", "-f", "public");
            await CommandLine.RunAsync("ip", ["netns", "del", outside], NoEnvironment);
            await CommandLine.RunAsync("ip", ["link", "del", hostVeth], NoEnvironment);
        }
    }

    private static async Task<(string Address, int Port)> PublishedAsync(PortalServerProcess server, string container, string port)
    {
        var line = (await server.OkAsync("port", container, port)).Split('\n', StringSplitOptions.RemoveEmptyEntries)[0].Trim();
        var colon = line.LastIndexOf(':');
        return (line[..colon], int.Parse(line[(colon + 1)..], System.Globalization.CultureInfo.InvariantCulture));
    }

    private static async Task RunAsync(string command, params string[] args)
    {
        var (code, stdout, stderr) = await CommandLine.RunAsync(command, args, NoEnvironment);
        Assert.True(code == 0, $"{command} {string.Join(' ', args)} exited {code}: {stdout}{stderr}");
    }

    /// <summary>httpd needs a moment after docker run returns.</summary>
    private static async Task<string> FromOutsideAsync(string ns, string url)
    {
        var last = "";
        for (var attempt = 0; attempt < 50; attempt++)
        {
            var (code, stdout, stderr) = await CommandLine.RunAsync("ip", ["netns", "exec", ns, "curl", "-s", "--max-time", "3", url], NoEnvironment);
            if (code == 0)
            {
                return stdout;
            }

            last = $"curl exited {code}: {stderr}";
            await Task.Delay(100, Ct);
        }

        throw new InvalidOperationException($"{url} never answered from namespace {ns}: {last}");
    }

    /// <summary>The echo server may not be bound yet when docker run returns; a datagram then gets no answer and is sent again.</summary>
    private static async Task<string> UdpRoundTripAsync(int port, string message)
    {
        for (var attempt = 0; attempt < 50; attempt++)
        {
            using var client = new UdpClient(AddressFamily.InterNetwork);
            client.Connect(IPAddress.Loopback, port);
            await client.SendAsync(Encoding.ASCII.GetBytes(message), Ct);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
            timeout.CancelAfter(TimeSpan.FromMilliseconds(300));
            try
            {
                var reply = await client.ReceiveAsync(timeout.Token);
                return Encoding.ASCII.GetString(reply.Buffer);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException && !Ct.IsCancellationRequested)
            {
            }
        }

        throw new InvalidOperationException($"127.0.0.1:{port}/udp never answered");
    }

    /// <summary>
    /// busybox-static's nc has no UDP mode, so the echo server is the host's perl with the shared libraries ldd
    /// names, using only perl's built-in socket calls (no modules): it answers "pong &lt;datagram&gt;" and logs "got &lt;datagram&gt;".
    /// </summary>
    private static async Task<string> WriteUdpEchoImageAsync(string directory)
    {
        const string Script = """
            $|=1; socket(S,2,2,17) or die "socket: $!"; bind(S,pack("S n x12",2,5353)) or die "bind: $!";
            while (defined($peer = recv(S,$m,1500,0))) { print "got $m\n"; send(S,"pong $m",0,$peer); }
            """;
        var files = new List<string> { "/usr/bin/perl" };
        var (_, ldd, _) = await CommandLine.RunAsync("ldd", ["/usr/bin/perl"], NoEnvironment);
        foreach (var line in ldd.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var path = line.Contains("=>", StringComparison.Ordinal) ? line.Split("=>")[1].Trim().Split(' ')[0] : line.Split(' ')[0];
            if (path.StartsWith('/'))
            {
                files.Add(path);
            }
        }

        var entries = new List<LayerEntry>();
        var directories = new HashSet<string>(StringComparer.Ordinal) { "bin", "etc" };
        foreach (var file in files)
        {
            var relative = file.TrimStart('/');
            var parts = relative.Split('/');
            for (var i = 1; i < parts.Length; i++)
            {
                var parent = string.Join('/', parts[..i]);
                if (directories.Add(parent))
                {
                    entries.Add(LayerEntry.Directory(parent));
                }
            }

            entries.Add(LayerEntry.File(relative, await File.ReadAllBytesAsync(file, Ct), (UnixFileMode)0x1ED));
        }

        var libraryPath = string.Join(':', files.Skip(1).Select(Path.GetDirectoryName).Distinct(StringComparer.Ordinal));
        var build = BusyboxImage.Create(
            UdpTag,
            new ImageConfig { Cmd = ["/usr/bin/perl", "-e", Script], Env = ["LD_LIBRARY_PATH=" + libraryPath], ExposedPorts = ["5353/udp"] },
            [LayerSource.FromEntries(entries)]);
        var archive = Path.Combine(directory, "udp-echo-oci.tar");
        using var stream = File.Create(archive);
        OciImageWriter.WriteOciArchive(build, stream);
        return archive;
    }
}
