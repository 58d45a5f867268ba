using System.Net;
using Portal.Engine.Errors;
using Portal.Engine.Network.Ipam;

namespace Portal.Engine.Tests.Network.Ipam;

public sealed class AddressLeasesTests
{
    private static AddressLeases Leases(string subnet, string? gateway = null)
    {
        var cidr = Ipv4Cidr.Parse(subnet);
        return new AddressLeases("net1", cidr, gateway is null ? cidr.FirstHost : IPAddress.Parse(gateway));
    }

    private static string Take(AddressLeases leases, string container, string? requested = null) =>
        Ipv4.FromUInt32(leases.Allocate(container, requested is null ? null : IPAddress.Parse(requested))).ToString();

    [Fact]
    public void Allocation_StartsAfterTheGatewayAndGoesUp()
    {
        var leases = Leases("172.18.0.0/16");
        Assert.Equal(["172.18.0.2", "172.18.0.3", "172.18.0.4"], new[] { "a", "b", "c" }.Select(c => Take(leases, c)));
    }

    [Fact]
    public void Allocation_SkipsAGatewayInTheMiddle()
    {
        var leases = Leases("10.5.0.0/29", gateway: "10.5.0.3");
        Assert.Equal(["10.5.0.1", "10.5.0.2", "10.5.0.4", "10.5.0.5", "10.5.0.6"],
            new[] { "a", "b", "c", "d", "e" }.Select(c => Take(leases, c)));
        Assert.Throws<ConflictException>(() => Take(leases, "f"));
    }

    [Fact]
    public void Allocation_RollsForwardBeforeReusingAReleasedAddress()
    {
        var leases = Leases("10.5.0.0/29");
        Take(leases, "a");
        Take(leases, "b");
        Assert.Equal(IPAddress.Parse("10.5.0.2"), Ipv4.FromUInt32(leases.Release("a")!.Value));
        Assert.Equal("10.5.0.4", Take(leases, "c"));
        Assert.Equal("10.5.0.5", Take(leases, "d"));
        Assert.Equal("10.5.0.6", Take(leases, "e"));
        Assert.Equal("10.5.0.2", Take(leases, "f"));
    }

    [Fact]
    public void SlashThirty_HoldsOneContainer_ThenIsExhausted_ThenReusesTheReleasedAddress()
    {
        var leases = Leases("192.168.77.0/30");
        Assert.Equal(1, leases.Capacity);
        Assert.Equal("192.168.77.2", Take(leases, "a"));

        var error = Assert.Throws<ConflictException>(() => Take(leases, "b"));
        Assert.Equal("no available IPv4 addresses in network net1 (192.168.77.0/30): all 1 addresses are leased", error.Message);

        leases.Release("a");
        Assert.Equal("192.168.77.2", Take(leases, "b"));
    }

    [Fact]
    public void Allocation_IsIdempotentPerContainer()
    {
        var leases = Leases("10.5.0.0/24");
        Assert.Equal("10.5.0.2", Take(leases, "a"));
        Assert.Equal("10.5.0.2", Take(leases, "a"));
        Assert.Equal("10.5.0.2", Take(leases, "a", "10.5.0.2"));
        Assert.Equal(1, leases.Count);
        var error = Assert.Throws<ConflictException>(() => Take(leases, "a", "10.5.0.9"));
        Assert.Contains("already has address 10.5.0.2 in network net1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RequestedAddress_IsHonouredWhenFree_AndAutomaticAllocationAvoidsIt()
    {
        var leases = Leases("10.5.0.0/24");
        Assert.Equal("10.5.0.3", Take(leases, "a", "10.5.0.3"));
        Assert.Equal("10.5.0.2", Take(leases, "b"));
        Assert.Equal("10.5.0.4", Take(leases, "c"));
    }

    [Theory]
    [InlineData("10.5.1.1", typeof(InvalidArgumentException), "requested address 10.5.1.1 is outside the subnet 10.5.0.0/24 of network net1")]
    [InlineData("10.5.0.0", typeof(InvalidArgumentException), "requested address 10.5.0.0 is the network address of 10.5.0.0/24")]
    [InlineData("10.5.0.255", typeof(InvalidArgumentException), "requested address 10.5.0.255 is the broadcast address of 10.5.0.0/24")]
    [InlineData("10.5.0.1", typeof(InvalidArgumentException), "requested address 10.5.0.1 is the gateway of network net1")]
    [InlineData("10.5.0.7", typeof(ConflictException), "address 10.5.0.7 is already in use in network net1 by container 0123456789ab")]
    [InlineData("fd00::7", typeof(InvalidArgumentException), "requested address fd00::7 is not an IPv4 address")]
    public void RequestedAddress_RefusedWithAClearError(string requested, Type errorType, string expected)
    {
        var leases = Leases("10.5.0.0/24");
        Take(leases, "0123456789abcdef", "10.5.0.7");

        var error = Assert.Throws(errorType, () => Take(leases, "other", requested));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.Equal(1, leases.Count);
    }

    [Fact]
    public void Release_OfAnUnknownContainerIsNothing()
    {
        var leases = Leases("10.5.0.0/24");
        Assert.Null(leases.Release("ghost"));
    }
}
