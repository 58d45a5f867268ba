using System.Net;
using Portal.Engine.Errors;
using Portal.Engine.Network.Ipam;

namespace Portal.Engine.Tests.Network.Networks;

public sealed class NetworkLeaseStoreTests : NetworkStoreHarness
{
    [Fact]
    public void Allocate_HandsOutAddressesInOrder_WithNetworkAndContainer()
    {
        var store = Open();
        var web = store.Create(Request("web", "10.70.0.0/24"));

        var a = store.Allocate("web", "c1");
        var b = store.Allocate(web.Id, "c2");

        Assert.Equal(new NetworkLease(web.Id, "web", "c1", IPAddress.Parse("10.70.0.2")), a);
        Assert.Equal(IPAddress.Parse("10.70.0.3"), b.Address);
        Assert.Equal([a, b], store.Leases("web"));
        Assert.Equal([a], store.LeasesOf("c1"));
    }

    [Fact]
    public void Allocate_OnTheDefaultBridge()
    {
        var store = Open();
        Assert.Equal(IPAddress.Parse("172.17.0.2"), store.Allocate("bridge", "c1").Address);
    }

    [Theory]
    [InlineData("none")]
    [InlineData("host")]
    public void Allocate_OnNetworksWithoutAddresses_IsRefused(string network)
    {
        var error = Assert.Throws<InvalidArgumentException>(() => Open().Allocate(network, "c1"));
        Assert.Contains($"network {network}", error.Message, StringComparison.Ordinal);
        Assert.Contains("does not assign addresses", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Allocate_OnAnUnknownNetwork_IsNotFound() =>
        Assert.Equal("network nope not found", Assert.Throws<NotFoundException>(() => Open().Allocate("nope", "c1")).Message);

    [Fact]
    public void Exhaustion_NamesTheNetwork_AndIsPersistedNowhere()
    {
        var store = Open();
        store.Create(Request("tiny", "10.80.0.0/30"));
        store.Allocate("tiny", "c1");

        var error = Assert.Throws<ConflictException>(() => store.Allocate("tiny", "c2"));

        Assert.Contains("no available IPv4 addresses in network tiny (10.80.0.0/30)", error.Message, StringComparison.Ordinal);
        Assert.Equal(["c1"], Open().Leases("tiny").Select(l => l.ContainerId));
    }

    [Fact]
    public void Release_FreesTheAddressForReuse()
    {
        var store = Open();
        store.Create(Request("tiny", "10.80.0.0/30"));
        store.Allocate("tiny", "c1");

        var released = store.Release("tiny", "c1");

        Assert.Equal(IPAddress.Parse("10.80.0.2"), released!.Address);
        Assert.Empty(Open().Leases("tiny"));
        Assert.Equal(IPAddress.Parse("10.80.0.2"), store.Allocate("tiny", "c2").Address);
        Assert.Null(store.Release("tiny", "c1"));
        Assert.Null(store.Release("gone", "c1"));
    }

    [Fact]
    public void RequestedAddress_HonouredWhenFree_RefusedWhenTaken()
    {
        var store = Open();
        store.Create(Request("web", "10.90.0.0/24"));

        Assert.Equal(IPAddress.Parse("10.90.0.50"), store.Allocate("web", "c1", IPAddress.Parse("10.90.0.50")).Address);
        var taken = Assert.Throws<ConflictException>(() => store.Allocate("web", "c2", IPAddress.Parse("10.90.0.50")));
        Assert.Contains("address 10.90.0.50 is already in use in network web by container c1", taken.Message, StringComparison.Ordinal);
        var outside = Assert.Throws<InvalidArgumentException>(() => store.Allocate("web", "c2", IPAddress.Parse("10.91.0.5")));
        Assert.Contains("outside the subnet 10.90.0.0/24 of network web", outside.Message, StringComparison.Ordinal);
        Assert.Empty(store.LeasesOf("c2"));
    }

    [Fact]
    public void Restart_NeverHandsOutALeasedAddressAgain_NorAJustReleasedOne()
    {
        var store = Open();
        store.Create(Request("web", "10.100.0.0/24"));
        var first = new[] { "c1", "c2", "c3" }.Select(c => store.Allocate("web", c).Address).ToList();
        store.Release("web", "c3");

        var restarted = Open();
        var next = restarted.Allocate("web", "c4").Address;

        Assert.Equal(first.Take(2), restarted.Leases("web").Where(l => l.ContainerId != "c4").Select(l => l.Address));
        Assert.DoesNotContain(next, first);
        Assert.Equal(IPAddress.Parse("10.100.0.5"), next);
        Assert.Equal(first[0], restarted.Allocate("web", "c1").Address);
    }

    [Fact]
    public async Task ConcurrentAllocation_FromManyTasks_GivesUniqueAddresses_AllPersisted()
    {
        var store = Open();
        store.Create(Request("busy", "10.110.0.0/24"));
        var ct = TestContext.Current.CancellationToken;

        var leases = await Task.WhenAll(Enumerable.Range(0, 64).Select(i =>
            Task.Run(() => store.Allocate("busy", $"c{i}"), ct)));

        Assert.Equal(64, leases.Select(l => l.Address).Distinct().Count());
        Assert.All(leases, l => Assert.True(Ipv4Cidr.Parse("10.110.0.0/24").Contains(l.Address)));
        Assert.Equal(
            leases.Select(l => (l.ContainerId, l.Address.ToString())).Order(),
            Open().Leases("busy").Select(l => (l.ContainerId, l.Address.ToString())).Order());
    }

    [Fact]
    public async Task ConcurrentAllocationAndRelease_NeverGivesOneAddressToTwoContainers()
    {
        var store = Open();
        store.Create(Request("churn", "10.120.0.0/28"));
        var ct = TestContext.Current.CancellationToken;

        await Task.WhenAll(Enumerable.Range(0, 8).Select(t => Task.Run(() =>
        {
            for (var i = 0; i < 20; i++)
            {
                var id = $"t{t}-{i}";
                store.Allocate("churn", id);
                var live = store.Leases("churn");
                Assert.Equal(live.Count, live.Select(l => l.Address).Distinct().Count());
                store.Release("churn", id);
            }
        }, ct)));

        Assert.Empty(Open().Leases("churn"));
    }

    [Fact]
    public void ReleaseAll_DropsTheContainersLeasesInEveryNetwork()
    {
        var store = Open();
        store.Create(Request("a", "10.130.0.0/24"));
        store.Create(Request("b", "10.131.0.0/24"));
        store.Allocate("a", "c1");
        store.Allocate("b", "c1");
        store.Allocate("bridge", "c1");
        store.Allocate("a", "c2");

        var released = store.ReleaseAll("c1");

        Assert.Equal(["a", "b", "bridge"], released.Select(l => l.NetworkName).Order());
        Assert.Empty(Open().LeasesOf("c1"));
        Assert.Single(Open().LeasesOf("c2"));
    }

    [Fact]
    public void Reconcile_DropsLeasesOfContainersThatAreGone_AndReturnsThem()
    {
        var store = Open();
        store.Create(Request("a", "10.140.0.0/24"));
        store.Allocate("a", "live1");
        store.Allocate("a", "dead1");
        store.Allocate("bridge", "dead2");
        store.Allocate("bridge", "live1");

        var dropped = Open().Reconcile(new HashSet<string> { "live1" });

        Assert.Equal(["dead1@a", "dead2@bridge"], dropped.Select(l => $"{l.ContainerId}@{l.NetworkName}").Order());
        var after = Open();
        Assert.Equal(["live1", "live1"], after.Leases().Select(l => l.ContainerId));
        Assert.Empty(after.Reconcile(new HashSet<string> { "live1" }));
    }

    [Fact]
    public void LeaseFile_IsReadableJsonNamingContainersAndAddresses()
    {
        var store = Open();
        var web = store.Create(Request("web", "10.150.0.0/24"));
        store.Allocate("web", "c1");

        var text = File.ReadAllText(Path.Combine(NetworksDirectory, web.Id + ".json"));

        Assert.Contains("\"c1\": \"10.150.0.2\"", text, StringComparison.Ordinal);
        Assert.Contains("\"driver\": \"bridge\"", text, StringComparison.Ordinal);
        Assert.Contains("\"subnet\": \"10.150.0.0/24\"", text, StringComparison.Ordinal);
    }
}
