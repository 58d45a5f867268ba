using System.Net;
using Portal.Engine.Errors;
using Portal.Engine.Network.Ipam;
using Portal.Engine.Network.Networks;

namespace Portal.Engine.Tests.Network.Networks;

public sealed class NetworkDefinitionStoreTests : NetworkStoreHarness
{
    [Fact]
    public void PredefinedNetworks_ArePresentOnFirstOpen()
    {
        var store = Open();

        var list = store.List();
        Assert.Equal(["bridge", "none", "host"], list.Select(n => n.Name));
        Assert.All(list, n => Assert.True(n.Predefined));
        Assert.All(list, n => Assert.Matches("^[0-9a-f]{64}$", n.Id));

        var bridge = store.Default;
        Assert.True(bridge.IsDefault);
        Assert.Equal(NetworkDriver.Bridge, bridge.Driver);
        Assert.Equal("portal0", bridge.BridgeName);
        Assert.Equal(Ipv4Cidr.Parse("172.17.0.0/16"), bridge.Subnet);
        Assert.Equal(IPAddress.Parse("172.17.0.1"), bridge.Gateway);

        var none = store.Get("none");
        Assert.Equal(NetworkDriver.Null, none.Driver);
        Assert.Null(none.Subnet);
        Assert.False(none.HasAddresses);
        Assert.Equal(NetworkDriver.Host, store.Get("host").Driver);
    }

    [Fact]
    public void DefaultBridge_AvoidsAHostRouteSuchAsDocker0_AndKeepsItsSubnetAcrossRestarts()
    {
        Routes.Routes.Add(Ipv4Cidr.Parse("172.17.0.0/16"));
        var first = Open().Default;
        Assert.Equal(Ipv4Cidr.Parse("172.18.0.0/16"), first.Subnet);

        Routes.Routes.Clear();
        var again = Open().Default;
        Assert.Equal(first, again with { Labels = first.Labels });
        Assert.Equal(first.Id, again.Id);
    }

    [Fact]
    public void DefaultBridge_TakesAConfiguredSubnetAndInterface()
    {
        var store = Open(new NetworkOptions { DefaultBridgeSubnet = "10.200.0.0/24", DefaultBridgeInterface = "pbr0" });
        Assert.Equal(Ipv4Cidr.Parse("10.200.0.0/24"), store.Default.Subnet);
        Assert.Equal(IPAddress.Parse("10.200.0.1"), store.Default.Gateway);
        Assert.Equal("pbr0", store.Default.BridgeName);
    }

    [Fact]
    public void PredefinedNetworks_CannotBeRemoved()
    {
        var store = Open();
        foreach (var name in new[] { "bridge", "none", "host" })
        {
            var error = Assert.Throws<ForbiddenException>(() => store.Remove(name));
            Assert.Equal($"{name} is a pre-defined network and cannot be removed", error.Message);
        }

        Assert.Equal(3, Open().List().Count);
    }

    [Fact]
    public void Create_WithoutSubnet_TakesTheNextPoolSubnetClearOfHostRoutes()
    {
        Routes.Routes.Add(Ipv4Cidr.Parse("172.18.3.0/24"));
        var store = Open();

        var web = store.Create(Request("web"));
        var db = store.Create(Request("db"));

        Assert.Equal(Ipv4Cidr.Parse("172.19.0.0/16"), web.Subnet);
        Assert.Equal(IPAddress.Parse("172.19.0.1"), web.Gateway);
        Assert.Equal(Ipv4Cidr.Parse("172.20.0.0/16"), db.Subnet);
        Assert.Equal("pt-" + web.Id[..12], web.BridgeName);
        Assert.True(web.BridgeName!.Length <= 15);
        Assert.False(web.Predefined);
        Assert.Equal(NetworkDriver.Bridge, web.Driver);
    }

    [Fact]
    public void Create_WithExplicitSubnetGatewayLabelsAndInternal_IsStoredAsGiven()
    {
        var created = new DateTimeOffset(2026, 3, 4, 5, 6, 7, TimeSpan.Zero);
        var store = new NetworkStore(Root, hostRoutes: Routes, time: new FixedTime(created));

        var net = store.Create(new NetworkCreateRequest
        {
            Name = "team-a_1.prod",
            Driver = "bridge",
            Subnet = "10.30.0.0/24",
            Gateway = "10.30.0.254",
            Internal = true,
            Labels = new Dictionary<string, string> { ["portal.deployment"] = "42" },
        });

        var reread = new NetworkStore(Root, hostRoutes: Routes).Get("team-a_1.prod");
        foreach (var n in new[] { net, reread })
        {
            Assert.Equal(Ipv4Cidr.Parse("10.30.0.0/24"), n.Subnet);
            Assert.Equal(IPAddress.Parse("10.30.0.254"), n.Gateway);
            Assert.True(n.Internal);
            Assert.Equal("42", n.Labels["portal.deployment"]);
            Assert.Equal(created, n.Created);
        }
    }

    [Theory]
    [InlineData("10.30.0.0/33", "prefix length \"33\"")]
    [InlineData("10.30.0.1/24", "host bits are set; the network is 10.30.0.0/24")]
    [InlineData("10.30.0.0/31", "the prefix must be /30 or shorter")]
    [InlineData("bad", "invalid subnet for network n1 \"bad\"")]
    public void Create_RefusesBadSubnets(string subnet, string expected)
    {
        var store = Open();
        var error = Assert.Throws<InvalidArgumentException>(() => store.Create(Request("n1", subnet)));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.Null(store.Find("n1"));
    }

    [Theory]
    [InlineData("10.31.0.0", "gateway 10.31.0.0 of network n1 is the network address of 10.31.0.0/24")]
    [InlineData("10.31.0.255", "gateway 10.31.0.255 of network n1 is the broadcast address of 10.31.0.0/24")]
    [InlineData("10.32.0.1", "gateway 10.32.0.1 of network n1 is outside its subnet 10.31.0.0/24")]
    [InlineData("10.31.0", "invalid gateway for network n1 \"10.31.0\"")]
    public void Create_RefusesBadGateways(string gateway, string expected)
    {
        var store = Open();
        var error = Assert.Throws<InvalidArgumentException>(() => store.Create(Request("n1", "10.31.0.0/24", gateway)));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_RefusesAGatewayWithoutSubnet()
    {
        var error = Assert.Throws<InvalidArgumentException>(() => Open().Create(Request("n1", gateway: "10.0.0.1")));
        Assert.Contains("needs a subnet", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("10.0.0.0/8", "10.0.0.0/8")]           // equal
    [InlineData("10.20.0.0/16", "10.0.0.0/8")]         // nested inside
    [InlineData("10.0.0.0/8", "10.20.0.0/16")]         // contains
    [InlineData("172.17.5.0/24", null)]                // inside the default bridge
    public void Create_RefusesOverlappingSubnetsNamingBothNetworks(string subnet, string? first)
    {
        var store = Open();
        if (first is not null)
        {
            store.Create(Request("first", first));
        }

        var error = Assert.Throws<ConflictException>(() => store.Create(Request("second", subnet)));

        var other = first is null ? "bridge" : "first";
        Assert.Equal(
            $"subnet {subnet} of network second overlaps subnet {store.Get(other).Subnet} of network {other}",
            error.Message);
        Assert.Null(store.Find("second"));
    }

    [Fact]
    public void Create_AcceptsAdjacentSubnets()
    {
        var store = Open();
        store.Create(Request("a", "10.40.0.0/24"));
        Assert.Equal(Ipv4Cidr.Parse("10.40.1.0/24"), store.Create(Request("b", "10.40.1.0/24")).Subnet);
    }

    [Theory]
    [InlineData("", "network name must not be empty")]
    [InlineData("-web", "invalid network name \"-web\": only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed")]
    [InlineData("web app", "invalid network name \"web app\"")]
    [InlineData("web/app", "invalid network name \"web/app\"")]
    [InlineData("wéb", "invalid network name \"wéb\"")]
    public void Create_RefusesBadNames(string name, string expected)
    {
        var error = Assert.Throws<InvalidArgumentException>(() => Open().Create(Request(name)));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("web")]
    [InlineData("bridge")]
    [InlineData("host")]
    [InlineData("none")]
    public void Create_RefusesATakenName(string name)
    {
        var store = Open();
        store.Create(Request("web"));
        var error = Assert.Throws<ConflictException>(() => store.Create(Request(name)));
        Assert.Equal($"network with name {name} already exists", error.Message);
    }

    [Theory]
    [InlineData("overlay")]
    [InlineData("host")]
    [InlineData("macvlan")]
    public void Create_RefusesOtherDrivers(string driver)
    {
        var error = Assert.Throws<InvalidArgumentException>(() => Open().Create(new NetworkCreateRequest { Name = "x", Driver = driver }));
        Assert.Contains($"network driver \"{driver}\" is not supported", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Get_ResolvesByIdNameAndUniquePrefix()
    {
        var store = Open();
        var web = store.Create(Request("web"));

        Assert.Equal(web.Id, store.Get(web.Id).Id);
        Assert.Equal(web.Id, store.Get("web").Id);
        Assert.Equal(web.Id, store.Get(web.Id[..12]).Id);
        Assert.Equal("network nope not found", Assert.Throws<NotFoundException>(() => store.Get("nope")).Message);
        Assert.Throws<NotFoundException>(() => store.Get(""));
    }

    [Fact]
    public void Get_NameWinsOverAnotherNetworksIdPrefix()
    {
        var store = Open();
        var first = store.Create(Request("web"));
        var named = store.Create(Request(first.Id[..6]));
        Assert.Equal(named.Id, store.Get(first.Id[..6]).Id);
    }

    [Fact]
    public void Remove_DeletesTheNetworkAndItsFile_AndFreesItsSubnet()
    {
        var store = Open();
        var web = store.Create(Request("web", "10.50.0.0/24"));
        Assert.True(File.Exists(Path.Combine(NetworksDirectory, web.Id + ".json")));

        var removed = store.Remove("web");

        Assert.Equal(web, removed);
        Assert.False(File.Exists(Path.Combine(NetworksDirectory, web.Id + ".json")));
        Assert.Null(store.Find("web"));
        Assert.Null(Open().Find(web.Id));
        Assert.Equal(Ipv4Cidr.Parse("10.50.0.0/24"), store.Create(Request("again", "10.50.0.0/24")).Subnet);
    }

    [Fact]
    public void Remove_RefusedWhileALeaseExists()
    {
        var store = Open();
        var web = store.Create(Request("web"));
        store.Allocate("web", "c1");

        var error = Assert.Throws<ForbiddenException>(() => store.Remove(web.Id[..10]));

        Assert.Equal($"error while removing network: network web id {web.Id} has active endpoints", error.Message);
        Assert.NotNull(Open().Find("web"));
        store.Release("web", "c1");
        store.Remove("web");
        Assert.Null(store.Find("web"));
    }

    [Fact]
    public void List_KeepsPredefinedFirstThenCreationOrder()
    {
        var store = Open();
        store.Create(Request("zeta"));
        store.Create(Request("alpha"));
        Assert.Equal(["bridge", "none", "host", "zeta", "alpha"], Open().List().Select(n => n.Name));
    }

    [Fact]
    public void Load_KeepsAnUnreadableFile_AndSweepsUnfinishedWrites()
    {
        var store = Open();
        var web = store.Create(Request("web", "10.60.0.0/24"));
        var bad = Path.Combine(NetworksDirectory, new string('a', 64) + ".json");
        File.WriteAllText(bad, "{ not json");
        var leftover = Path.Combine(NetworksDirectory, web.Id + ".json.tmp-0123");
        File.WriteAllText(leftover, "partial");

        var reopened = Open();

        Assert.Equal([Path.GetFileName(bad)], Unreadable);
        Assert.True(File.Exists(bad));
        Assert.False(File.Exists(leftover));
        Assert.Equal(web, reopened.Get("web") with { Labels = web.Labels });
    }

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
