using System.Text.RegularExpressions;
using Portal.Server.Tests.TestSupport;

namespace Portal.Server.Tests.Integration;

/// <summary>Containers on several networks with the stock docker CLI: network connect/disconnect, --network-alias, --alias.</summary>
[Trait("Category", Root.Category)]
[Collection(HostNetworkCollection.Name)]
public sealed class MultiNetworkCliTests(PortalServerFixture fixture) : IClassFixture<PortalServerFixture>
{
    private static readonly Dictionary<string, string?> NoEnvironment = [];

    [Fact]
    public async Task A_running_container_connected_to_a_second_network_reaches_it_by_name_and_alias_until_disconnected()
    {
        Root.Require();
        var server = await fixture.GetAsync();
        await server.OkAsync("load", "-i", TestImages.WriteOciArchive(fixture.Directory));
        await server.OkAsync("network", "create", "m1");
        await server.OkAsync("network", "create", "m2");
        var ids = new List<string>();
        try
        {
            ids.Add((await server.OkAsync("run", "-d", "--network", "m2", "--network-alias", "db", "--name", "srv", TestImages.Tag, "sleep", "300")).Trim());
            // The probe resolves through its own /etc/hosts, which the engine rewrites in place as endpoints come and go.
            ids.Add((await server.OkAsync("run", "-d", "--network", "m1", "--name", "cli", TestImages.Tag, "sh", "-c",
                "while :; do a=down; b=down; ping -c1 -W1 srv >/dev/null 2>&1 && a=up; ping -c1 -W1 db >/dev/null 2>&1 && b=up; echo \"$a $b\"; sleep 0.2; done")).Trim());
            Assert.Equal("down down", await ProbeAsync(server, "down down"));

            await server.OkAsync("network", "connect", "--alias", "api", "m2", "cli");

            Assert.Equal("up up", await ProbeAsync(server, "up up"));
            var srvAddress = await AddressAsync(server, "srv", "m2");
            var cliOnM2 = await AddressAsync(server, "cli", "m2");
            Assert.NotEqual("", await AddressAsync(server, "cli", "m1"));
            Assert.Contains($"{cliOnM2}\tcli", await HostsOfAsync(ids[0]), StringComparison.Ordinal);
            Assert.Contains(" api", await HostsOfAsync(ids[0]), StringComparison.Ordinal);
            Assert.Contains($"{srvAddress}\tsrv", await HostsOfAsync(ids[1]), StringComparison.Ordinal);
            Assert.Equal("db", (await server.OkAsync("inspect", "-f", "{{range (index .NetworkSettings.Networks \"m2\").Aliases}}{{.}}{{end}}", "srv")).Trim());
            // The CLI joins the keys of a Go map: their order varies from run to run, as with Docker.
            Assert.Equal(["m1", "m2"], (await server.OkAsync("ps", "--filter", "name=cli", "--format", "{{.Networks}}")).Trim().Split(',').Order(StringComparer.Ordinal));
            var members = await server.OkAsync("network", "inspect", "-f", "{{range .Containers}}{{.Name}}={{.IPv4Address}} {{end}}", "m2");
            Assert.Contains($"cli={cliOnM2}/", members, StringComparison.Ordinal);
            Assert.Contains($"srv={srvAddress}/", members, StringComparison.Ordinal);
            var inside = await NamespaceAddressesAsync(ids[1]);
            Assert.Contains("eth1", inside, StringComparison.Ordinal);
            Assert.Contains(cliOnM2 + "/", inside, StringComparison.Ordinal);
            Assert.Contains("default via", await NamespaceRoutesAsync(ids[1]), StringComparison.Ordinal);
            Assert.DoesNotContain("eth1", (await NamespaceRoutesAsync(ids[1])).Split('\n').Single(l => l.StartsWith("default", StringComparison.Ordinal)), StringComparison.Ordinal);

            var (twice, _, twiceError) = await server.DockerAsync("network", "connect", "m2", "cli");
            Assert.NotEqual(0, twice);
            Assert.Contains("endpoint with name cli already exists in network m2", twiceError, StringComparison.Ordinal);
            var (none, _, noneError) = await server.DockerAsync("network", "connect", "none", "cli");
            Assert.NotEqual(0, none);
            Assert.Contains("cannot be connected to or disconnected from network none", noneError, StringComparison.Ordinal);

            await server.OkAsync("network", "disconnect", "m2", "cli");

            Assert.Equal("down down", await ProbeAsync(server, "down down"));
            Assert.DoesNotContain("eth1", await NamespaceAddressesAsync(ids[1]), StringComparison.Ordinal);
            Assert.DoesNotContain("cli=", await server.OkAsync("network", "inspect", "-f", "{{range .Containers}}{{.Name}}= {{end}}", "m2"), StringComparison.Ordinal);
            var (notConnected, _, notConnectedError) = await server.DockerAsync("network", "disconnect", "m2", "cli");
            Assert.NotEqual(0, notConnected);
            Assert.Contains("is not connected to network m2", notConnectedError, StringComparison.Ordinal);

            ids.Add((await server.OkAsync("create", "--network", "m1", "--name", "late", TestImages.Tag, "sleep", "300")).Trim());
            await server.OkAsync("network", "connect", "--alias", "cache", "m2", "late");
            await server.OkAsync("start", "late");

            var lateOnM1 = await AddressAsync(server, "late", "m1");
            var lateOnM2 = await AddressAsync(server, "late", "m2");
            var lateInside = await NamespaceAddressesAsync(ids[2]);
            Assert.Matches($@"eth0\s+inet {Regex.Escape(lateOnM1)}/", lateInside);
            Assert.Matches($@"eth1\s+inet {Regex.Escape(lateOnM2)}/", lateInside);
            Assert.Contains($"{lateOnM2}\tlate", await HostsOfAsync(ids[0]), StringComparison.Ordinal);
            Assert.Contains(" cache", await HostsOfAsync(ids[0]), StringComparison.Ordinal);

            await server.OkAsync("rm", "-f", "srv", "cli", "late");

            var links = await LinksAsync();
            foreach (var id in ids)
            {
                Assert.DoesNotContain(links, l => l == "pv" + id[..11] || l.StartsWith("pv" + id[..10] + "-", StringComparison.Ordinal));
                Assert.DoesNotContain("portal-" + id[..12], (await CommandLine.RunAsync("ip", ["netns", "list"], NoEnvironment)).Stdout, StringComparison.Ordinal);
            }

            // Network removal is refused while any lease is left.
            await server.OkAsync("network", "rm", "m1", "m2");
        }
        finally
        {
            await server.DockerAsync("rm", "-f", "srv", "cli", "late");
            await server.DockerAsync("network", "rm", "m1", "m2");
        }
    }

    /// <summary>The probe's latest line once it reads <paramref name="expected"/>, or its last line after a bounded number of polls.</summary>
    private static async Task<string> ProbeAsync(PortalServerProcess server, string expected)
    {
        var last = "";
        for (var attempt = 0; attempt < 100; attempt++)
        {
            var (_, stdout, _) = await server.DockerAsync("logs", "--tail", "1", "cli");
            last = stdout.Trim();
            if (last == expected)
            {
                return last;
            }

            await Task.Delay(200, TestContext.Current.CancellationToken);
        }

        return last;
    }

    private static async Task<string> AddressAsync(PortalServerProcess server, string container, string network) =>
        (await server.OkAsync("inspect", "-f", $"{{{{with index .NetworkSettings.Networks \"{network}\"}}}}{{{{.IPAddress}}}}{{{{end}}}}", container)).Trim();

    private async Task<string> HostsOfAsync(string id) =>
        await File.ReadAllTextAsync(Path.Combine(fixture.DataDirectory, "engine", "containers", id, "hosts"), TestContext.Current.CancellationToken);

    private static async Task<string> NamespaceAddressesAsync(string id) =>
        (await CommandLine.RunAsync("ip", ["-n", "portal-" + id[..12], "-o", "-4", "addr", "show"], NoEnvironment)).Stdout;

    private static async Task<string> NamespaceRoutesAsync(string id) =>
        (await CommandLine.RunAsync("ip", ["-n", "portal-" + id[..12], "-4", "route", "show"], NoEnvironment)).Stdout;

    private static async Task<List<string>> LinksAsync()
    {
        var (_, links, _) = await CommandLine.RunAsync("ip", ["-o", "link", "show"], NoEnvironment);
        return [.. links.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split(':', 3)[1].Trim().Split('@')[0])];
    }

}
