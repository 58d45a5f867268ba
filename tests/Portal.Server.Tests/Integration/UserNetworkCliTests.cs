using Portal.Server.Tests.TestSupport;

namespace Portal.Server.Tests.Integration;

/// <summary>User-defined networks with the stock docker CLI: name resolution inside one, isolation between two, removal.</summary>
[Trait("Category", Root.Category)]
[Collection(HostNetworkCollection.Name)]
public sealed class UserNetworkCliTests(PortalServerFixture fixture) : IClassFixture<PortalServerFixture>
{
    private static readonly Dictionary<string, string?> NoEnvironment = [];

    [Fact]
    public async Task Containers_on_one_network_resolve_each_other_and_other_networks_are_isolated()
    {
        Root.Require();
        var server = await fixture.GetAsync();
        await server.OkAsync("load", "-i", TestImages.WriteOciArchive(fixture.Directory));
        var third = Random.Shared.Next(100, 250);
        var n1 = (await server.OkAsync("network", "create", "--subnet", $"10.231.{third}.0/24", "n1")).Trim();
        var n2 = (await server.OkAsync("network", "create", "n2")).Trim();
        try
        {
            Assert.Contains("pt-" + n1[..12], await LinksAsync());
            await server.OkAsync("run", "-d", "--network", "n1", "--name", "a", TestImages.Tag, "sleep", "300");
            await server.OkAsync("run", "-d", "--network", "n1", "--name", "b", TestImages.Tag, "sleep", "300");
            await server.OkAsync("run", "-d", "--network", "n2", "--name", "c", TestImages.Tag, "sleep", "300");
            var a = await AddressAsync(server, "a", "n1");
            var b = await AddressAsync(server, "b", "n1");
            Assert.StartsWith($"10.231.{third}.", a, StringComparison.Ordinal);

            await server.OkAsync("run", "--rm", "--network", "n1", TestImages.Tag, "sh", "-c", $"ping -c1 -W2 a && ping -c1 -W2 {b}");
            var (isolated, _, _) = await server.DockerAsync("run", "--rm", "--network", "n2", TestImages.Tag, "ping", "-c1", "-W2", a);
            Assert.NotEqual(0, isolated);
            var hostsOfA = await server.OkAsync("run", "--rm", "--network", "n1", TestImages.Tag, "cat", "/etc/hosts");
            Assert.Contains($"{a}\ta", hostsOfA, StringComparison.Ordinal);
            Assert.Contains($"{b}\tb", hostsOfA, StringComparison.Ordinal);

            var inspect = await server.OkAsync("network", "inspect", "-f", "{{range .Containers}}{{.Name}}={{.IPv4Address}} {{end}}", "n1");
            Assert.Contains($"a={a}/24", inspect, StringComparison.Ordinal);
            Assert.Contains($"b={b}/24", inspect, StringComparison.Ordinal);

            var (busy, _, busyError) = await server.DockerAsync("network", "rm", "n1");
            Assert.Equal(1, busy);
            Assert.Contains($"error while removing network: network n1 id {n1} has active endpoints", busyError, StringComparison.Ordinal);

            var (overlap, _, overlapError) = await server.DockerAsync("network", "create", "--subnet", $"10.231.{third}.128/25", "n3");
            Assert.NotEqual(0, overlap);
            Assert.Contains($"10.231.{third}", overlapError, StringComparison.Ordinal);
            var (predefined, _, predefinedError) = await server.DockerAsync("network", "rm", "bridge");
            Assert.NotEqual(0, predefined);
            Assert.Contains("bridge is a pre-defined network and cannot be removed", predefinedError, StringComparison.Ordinal);

            await server.OkAsync("rm", "-f", "a", "b", "c");
            await server.OkAsync("network", "rm", "n1", "n2");

            var links = await LinksAsync();
            Assert.DoesNotContain("pt-" + n1[..12], links);
            Assert.DoesNotContain("pt-" + n2[..12], links);
            var (_, table, _) = await CommandLine.RunAsync("nft", ["-j", "list", "table", "inet", "portal"], NoEnvironment);
            Assert.DoesNotContain("pt-" + n1[..12], table, StringComparison.Ordinal);
            Assert.DoesNotContain("pt-" + n2[..12], table, StringComparison.Ordinal);
            Assert.DoesNotContain($"10.231.{third}.", table, StringComparison.Ordinal);
        }
        finally
        {
            await server.DockerAsync("rm", "-f", "a", "b", "c");
            await server.DockerAsync("network", "rm", "n1", "n2");
        }
    }

    private static async Task<string> AddressAsync(PortalServerProcess server, string container, string network) =>
        (await server.OkAsync("inspect", "-f", $"{{{{(index .NetworkSettings.Networks \"{network}\").IPAddress}}}}", container)).Trim();

    private static async Task<List<string>> LinksAsync()
    {
        var (_, links, _) = await CommandLine.RunAsync("ip", ["-o", "link", "show"], NoEnvironment);
        return [.. links.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split(':', 3)[1].Trim().Split('@')[0])];
    }

}
