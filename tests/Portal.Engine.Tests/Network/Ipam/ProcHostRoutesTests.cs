using Portal.Engine.Network.Ipam;
using Portal.Engine.Tests.TestSupport;

namespace Portal.Engine.Tests.Network.Ipam;

public sealed class ProcHostRoutesTests : IDisposable
{
    // As this machine kind prints them (x86, little-endian): default via 192.0.2.1, 192.0.2.0/24 on eth0,
    // plus a docker0-style 172.17.0.0/16 and a /32 host route.
    private const string RouteTable =
        "Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT                                                       \n" +
        "eth0\t00000000\t010200C0\t0003\t0\t0\t0\t00000000\t0\t0\t0                                                                               \n" +
        "eth0\t000200C0\t00000000\t0001\t0\t0\t0\t00FFFFFF\t0\t0\t0                                                                               \n" +
        "docker0\t000011AC\t00000000\t0001\t0\t0\t0\t0000FFFF\t0\t0\t0\n" +
        "tun0\t0900A8C0\t00000000\t0005\t0\t0\t0\tFFFFFFFF\t0\t0\t0\n";

    private const string FibTrie = """
        Main:
          +-- 0.0.0.0/0 3 0 5
             |-- 0.0.0.0
                /0 universe UNICAST
             +-- 127.0.0.0/8 2 0 2
                +-- 127.0.0.0/31 1 0 0
                   |-- 127.0.0.0
                      /8 host LOCAL
                   |-- 127.0.0.1
                      /32 host LOCAL
                |-- 127.255.255.255
                   /32 link BROADCAST
             +-- 192.0.2.0/24 2 0 2
                +-- 192.0.2.0/30 2 0 2
                   |-- 192.0.2.0
                      /24 link UNICAST
                   |-- 192.0.2.2
                      /32 host LOCAL
                |-- 192.0.2.255
                   /32 link BROADCAST
             |-- 10.99.0.7
                /32 host LOCAL
        Local:
          +-- 0.0.0.0/0 3 0 5
             |-- 192.0.2.2
                /32 host LOCAL
        """;

    private readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    [Fact]
    public void RouteTable_GivesEveryRouteButTheDefault() =>
        Assert.Equal(
            ["192.0.2.0/24", "172.17.0.0/16", "192.168.0.9/32"],
            ProcHostRoutes.ParseRouteTable(RouteTable).Select(r => r.ToString()));

    [Fact]
    public void FibTrie_GivesTheHostsOwnAddresses() =>
        Assert.Equal(
            ["127.0.0.1/32", "192.0.2.2/32", "10.99.0.7/32", "192.0.2.2/32"],
            ProcHostRoutes.ParseLocalAddresses(FibTrie).Select(r => r.ToString()));

    [Fact]
    public void Read_CombinesBothFilesWithoutDuplicates()
    {
        Directory.CreateDirectory(temp.Combine("net"));
        File.WriteAllText(temp.Combine("net", "route"), RouteTable);
        File.WriteAllText(temp.Combine("net", "fib_trie"), FibTrie);

        var routes = new ProcHostRoutes(temp.Path).Read().Select(r => r.ToString()).ToList();

        Assert.Equal(
            ["192.0.2.0/24", "172.17.0.0/16", "192.168.0.9/32", "127.0.0.1/32", "192.0.2.2/32", "10.99.0.7/32"],
            routes);
    }

    [Fact]
    public void Read_OfThisHost_IncludesItsOwnAddresses()
    {
        var routes = new ProcHostRoutes().Read();
        Assert.Contains(Ipv4Cidr.Parse("127.0.0.1/32"), routes);
        Assert.DoesNotContain(routes, r => r.PrefixLength == 0);
    }
}
