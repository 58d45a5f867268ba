using Portal.Engine.Errors;
using Portal.Engine.Network.Ipam;

namespace Portal.Engine.Tests.Network.Ipam;

public sealed class AddressPoolTests
{
    private static Ipv4Cidr C(string text) => Ipv4Cidr.Parse(text);

    private static Ipv4Cidr Select(IReadOnlyCollection<Ipv4Cidr> taken, IReadOnlyCollection<Ipv4Cidr> routes) =>
        SubnetSelector.Select(AddressPool.Defaults, taken, routes);

    [Fact]
    public void Defaults_AreDockers()
    {
        var subnets = AddressPool.Defaults.SelectMany(p => p.Subnets()).Select(s => s.ToString()).ToList();
        Assert.Equal(15 + 16, subnets.Count);
        Assert.Equal("172.17.0.0/16", subnets[0]);
        Assert.Equal("172.31.0.0/16", subnets[14]);
        Assert.Equal("192.168.0.0/20", subnets[15]);
        Assert.Equal("192.168.240.0/20", subnets[^1]);
    }

    [Fact]
    public void Select_TakesTheFirstPoolSubnetWhenNothingIsUsed() =>
        Assert.Equal(C("172.17.0.0/16"), Select([], []));

    [Fact]
    public void Select_SkipsHostRoutesAndHostAddresses()
    {
        // docker0 on 172.17/16, a VPN route inside 172.18/16 and a lone host address in 172.19/16.
        var routes = new[] { C("172.17.0.0/16"), C("172.18.4.0/24"), C("172.19.0.9/32") };
        Assert.Equal(C("172.20.0.0/16"), Select([], routes));
    }

    [Fact]
    public void Select_SkipsExistingNetworksIncludingNestedOnes()
    {
        var taken = new[] { C("172.17.0.0/16"), C("172.18.200.0/30") };
        Assert.Equal(C("172.19.0.0/16"), Select(taken, []));
    }

    [Fact]
    public void Select_SkipsAWideRouteCoveringManyPoolSubnets()
    {
        // A /12 host route covers 172.16–172.31: the next pool is 192.168.0.0/16 in /20 steps.
        var routes = new[] { C("172.16.0.0/12"), C("192.168.0.0/24") };
        Assert.Equal(C("192.168.16.0/20"), Select([], routes));
    }

    [Fact]
    public void Select_ExhaustedPoolsGiveAClearError()
    {
        var pools = new[] { new AddressPool(C("10.9.0.0/23"), 24) };
        Assert.Equal(C("10.9.1.0/24"), SubnetSelector.Select(pools, [C("10.9.0.0/24")], []));
        var error = Assert.Throws<ConflictException>(() => SubnetSelector.Select(pools, [C("10.9.0.0/24")], [C("10.9.1.128/25")]));
        Assert.Contains("non-overlapping IPv4 address pool", error.Message, StringComparison.Ordinal);
        Assert.Contains("10.9.0.0/23:24", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("10.10.0.0/16:24", "10.10.0.0/16", 24)]
    [InlineData("10.10.0.0/16:/24", "10.10.0.0/16", 24)]
    [InlineData("10.10.0.0/24", "10.10.0.0/24", 24)]
    public void Parse_ReadsConfiguredPools(string text, string @base, int size)
    {
        var pool = AddressPool.Parse(text);
        Assert.Equal(C(@base), pool.Base);
        Assert.Equal(size, pool.Size);
    }

    [Theory]
    [InlineData("10.10.0.0/16:8", "must be from /16 to /30")]
    [InlineData("10.10.0.0/16:31", "must be from /16 to /30")]
    [InlineData("10.10.0.0/16:x", "subnet size \"x\" is not a number")]
    [InlineData("10.10.0.1/16:24", "host bits are set")]
    public void Parse_RefusesBadPools(string text, string expected)
    {
        var error = Assert.Throws<InvalidArgumentException>(() => AddressPool.Parse(text));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }
}
