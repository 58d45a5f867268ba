using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Portal.Server.Tests.TestSupport;

namespace Portal.Server.Tests.Integration;

/// <summary>NET I/O of `docker stats` for a bridged container, and no networks for one without an endpoint.</summary>
[Trait("Category", Root.Category)]
[Collection(HostNetworkCollection.Name)]
public sealed class NetworkStatsCliTests(PortalServerFixture fixture) : IClassFixture<PortalServerFixture>
{
    // The container pings its gateway (the host's end of the bridge), then serves its whole filesystem.
    private const string Script =
        "ping -c 3 -W 2 $(ip route | awk '/^default/ {print $3}') && echo pinged; exec httpd -f -p 8080 -h /";

    private static readonly Dictionary<string, string?> NoEnvironment = [];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Net_io_of_a_bridged_container_is_non_zero_after_its_ping_and_grows_with_a_download()
    {
        Root.Require();
        var server = await fixture.GetAsync();
        await server.OkAsync("load", "-i", TestImages.WriteOciArchive(fixture.Directory));
        var port = LoopbackPort.Free();
        await server.OkAsync("run", "-d", "-p", $"127.0.0.1:{port}:8080", "--name", "talker", TestImages.Tag, "sh", "-c", Script);
        await WaitForLogAsync(server, "talker", "pinged");

        var (rx1, tx1) = await NetIoAsync(server, "talker");
        Assert.True(rx1 >= 3 * 98 && tx1 >= 3 * 98, $"after 3 pings of the gateway: {rx1} B in / {tx1} B out");

        var busybox = await DownloadAsync(port, "/bin/busybox");
        var (rx2, tx2) = await NetIoAsync(server, "talker");

        Assert.True(busybox.Length > 500_000, $"downloaded {busybox.Length} bytes");
        // Going out of the container: the download (NET I/O rounds to three significant digits).
        Assert.True(tx2 >= tx1 + busybox.Length * 0.99, $"out {tx1} -> {tx2} after a {busybox.Length} byte download");
        Assert.True(rx2 > rx1, $"in {rx1} -> {rx2}: the request and its acks");
        await server.OkAsync("rm", "-f", "talker");
    }

    [Fact]
    public async Task A_container_without_a_network_has_no_networks_in_its_stats()
    {
        Root.Require();
        var server = await fixture.GetAsync();
        await server.OkAsync("load", "-i", TestImages.WriteOciArchive(fixture.Directory));
        await server.OkAsync("run", "-d", "--network", "none", "--name", "alone", TestImages.Tag, "sh", "-c", "ping -c 2 127.0.0.1; exec sleep 300");
        await WaitForLogAsync(server, "alone", "2 packets received");

        var (code, json, stderr) = await CommandLine.RunAsync(
            "curl", ["-sS", "--unix-socket", server.SocketPath, "http://localhost/v1.47/containers/alone/stats?stream=0"], NoEnvironment);

        Assert.True(code == 0, stderr);
        using var sample = JsonDocument.Parse(json);
        Assert.True(sample.RootElement.TryGetProperty("memory_stats", out _), json);
        Assert.False(sample.RootElement.TryGetProperty("networks", out _), json);
        Assert.Equal("0B / 0B", (await server.OkAsync("stats", "--no-stream", "--format", "{{.NetIO}}", "alone")).Trim());
        await server.OkAsync("rm", "-f", "alone");
    }

    /// <summary>`docker stats --format {{.NetIO}}`: "1.23kB / 456B" in decimal units, as bytes.</summary>
    private static async Task<(double Rx, double Tx)> NetIoAsync(PortalServerProcess server, string name)
    {
        var text = (await server.OkAsync("stats", "--no-stream", "--format", "{{.NetIO}}", name)).Trim();
        var parts = text.Split(" / ");
        Assert.True(parts.Length == 2, $"NET I/O '{text}'");
        return (Bytes(parts[0]), Bytes(parts[1]));
    }

    private static double Bytes(string size)
    {
        var unit = size.TrimStart("0123456789.".ToCharArray());
        var number = double.Parse(size[..^unit.Length], CultureInfo.InvariantCulture);
        return number * unit switch
        {
            "B" => 1,
            "kB" => 1e3,
            "MB" => 1e6,
            "GB" => 1e9,
            _ => throw new FormatException($"unknown unit in '{size}'"),
        };
    }

    private static async Task WaitForLogAsync(PortalServerProcess server, string name, string text)
    {
        var logs = "";
        for (var attempt = 0; attempt < 100; attempt++)
        {
            var (_, stdout, stderr) = await server.DockerAsync("logs", name);
            logs = stdout + stderr;
            if (logs.Contains(text, StringComparison.Ordinal))
            {
                return;
            }

            await Task.Delay(100, Ct);
        }

        Assert.Fail($"'{text}' never appeared in the logs of {name}: {logs}");
    }

    /// <summary>httpd needs a moment after docker run returns; connection refusals until then are expected.</summary>
    private static async Task<byte[]> DownloadAsync(int port, string path)
    {
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        Exception? last = null;
        for (var attempt = 0; attempt < 100; attempt++)
        {
            try
            {
                return await client.GetByteArrayAsync(new Uri($"http://127.0.0.1:{port}{path}"), Ct);
            }
            catch (HttpRequestException e)
            {
                last = e;
                await Task.Delay(100, Ct);
            }
        }

        throw new InvalidOperationException($"127.0.0.1:{port} never answered", last);
    }
}
