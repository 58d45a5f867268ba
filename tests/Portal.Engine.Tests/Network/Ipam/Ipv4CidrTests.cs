using System.Net;
using Portal.Engine.Errors;
using Portal.Engine.Network.Ipam;

namespace Portal.Engine.Tests.Network.Ipam;

public sealed class Ipv4CidrTests
{
    private static Ipv4Cidr C(string text) => Ipv4Cidr.Parse(text);

    [Theory]
    [InlineData("172.17.0.0/16", "172.17.0.0", 16, "255.255.0.0", "172.17.255.255", "172.17.0.1", "172.17.255.254", 65536)]
    [InlineData("10.0.0.0/8", "10.0.0.0", 8, "255.0.0.0", "10.255.255.255", "10.0.0.1", "10.255.255.254", 16777216)]
    [InlineData("192.168.4.0/30", "192.168.4.0", 30, "255.255.255.252", "192.168.4.3", "192.168.4.1", "192.168.4.2", 4)]
    [InlineData("0.0.0.0/0", "0.0.0.0", 0, "0.0.0.0", "255.255.255.255", "0.0.0.1", "255.255.255.254", 4294967296)]
    [InlineData("10.1.2.3/32", "10.1.2.3", 32, "255.255.255.255", "10.1.2.3", "10.1.2.3", "10.1.2.3", 1)]
    public void Parse_GivesNetworkMaskAndHostRange(string text, string network, int prefix, string mask, string broadcast,
        string firstHost, string lastHost, long size)
    {
        var cidr = C(text);
        Assert.Equal(IPAddress.Parse(network), cidr.Network);
        Assert.Equal(prefix, cidr.PrefixLength);
        Assert.Equal(IPAddress.Parse(mask), cidr.Mask);
        Assert.Equal(IPAddress.Parse(broadcast), cidr.Broadcast);
        Assert.Equal(IPAddress.Parse(firstHost), cidr.FirstHost);
        Assert.Equal(IPAddress.Parse(lastHost), cidr.LastHost);
        Assert.Equal(size, cidr.Size);
        Assert.Equal(text, cidr.ToString());
    }

    [Theory]
    [InlineData("10.0.0.0/33", "prefix length \"33\"")]
    [InlineData("10.0.0.0/", "prefix length \"\"")]
    [InlineData("10.0.0.0/-1", "prefix length \"-1\"")]
    [InlineData("10.0.0.0/ 8", "prefix length \" 8\"")]
    [InlineData("10.0.0.0", "CIDR form")]
    [InlineData("", "CIDR form")]
    [InlineData("10.0.0/8", "\"10.0.0\" is not an IPv4 address")]
    [InlineData("10.0.0.256/24", "\"10.0.0.256\" is not an IPv4 address")]
    [InlineData("010.0.0.0/8", "\"010.0.0.0\" is not an IPv4 address")]
    [InlineData("fd00::/64", "\"fd00::\" is not an IPv4 address")]
    [InlineData("10.0.0.1/24", "host bits are set; the network is 10.0.0.0/24")]
    [InlineData("172.18.5.0/16", "host bits are set; the network is 172.18.0.0/16")]
    public void Parse_RefusesBadInputNamingTheProblem(string text, string expected)
    {
        var error = Assert.Throws<InvalidArgumentException>(() => Ipv4Cidr.Parse(text));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.Contains($"\"{text}\"", error.Message, StringComparison.Ordinal);
        Assert.False(Ipv4Cidr.TryParse(text, out _, out _));
    }

    [Fact]
    public void Parse_NamesTheFieldInTheError()
    {
        var error = Assert.Throws<InvalidArgumentException>(() => Ipv4Cidr.Parse("nope", "subnet for network web"));
        Assert.StartsWith("invalid subnet for network web \"nope\"", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Containing_DropsHostBits()
    {
        Assert.Equal(C("10.0.0.0/24"), Ipv4Cidr.Containing(IPAddress.Parse("10.0.0.77"), 24));
        Assert.Equal(C("192.168.0.0/20"), Ipv4Cidr.Containing(IPAddress.Parse("192.168.15.1"), 20));
        Assert.Throws<InvalidArgumentException>(() => Ipv4Cidr.Containing(IPAddress.Parse("10.0.0.1"), 40));
        Assert.Throws<InvalidArgumentException>(() => Ipv4Cidr.Containing(IPAddress.IPv6Loopback, 8));
    }

    [Theory]
    [InlineData("10.0.0.0/24", "10.0.0.0", true)]
    [InlineData("10.0.0.0/24", "10.0.0.255", true)]
    [InlineData("10.0.0.0/24", "10.0.1.0", false)]
    [InlineData("10.0.0.0/24", "9.255.255.255", false)]
    [InlineData("0.0.0.0/0", "203.0.113.9", true)]
    public void Contains_Address(string cidr, string address, bool expected) =>
        Assert.Equal(expected, C(cidr).Contains(IPAddress.Parse(address)));

    [Theory]
    [InlineData("10.0.0.0/8", "10.1.0.0/16", true)]
    [InlineData("10.1.0.0/16", "10.0.0.0/8", false)]
    [InlineData("10.0.0.0/24", "10.0.0.0/24", true)]
    [InlineData("10.0.0.0/24", "10.0.1.0/24", false)]
    public void Contains_Network(string outer, string inner, bool expected) =>
        Assert.Equal(expected, C(outer).Contains(C(inner)));

    [Theory]
    [InlineData("10.0.0.0/8", "10.20.30.0/24", true)]      // nested
    [InlineData("10.20.30.0/24", "10.0.0.0/8", true)]      // nested, other way round
    [InlineData("172.18.0.0/16", "172.18.0.0/16", true)]   // equal
    [InlineData("172.18.0.0/16", "172.19.0.0/16", false)]  // adjacent
    [InlineData("192.168.0.0/20", "192.168.16.0/20", false)] // adjacent
    [InlineData("192.168.0.0/20", "192.168.15.255/32", true)] // last address of the first
    [InlineData("192.168.0.0/24", "192.168.0.0/25", true)]
    [InlineData("10.0.0.0/30", "10.0.0.4/30", false)]
    [InlineData("0.0.0.0/0", "1.2.3.4/32", true)]
    public void Overlaps_IsSymmetricAndExact(string a, string b, bool expected)
    {
        Assert.Equal(expected, C(a).Overlaps(C(b)));
        Assert.Equal(expected, C(b).Overlaps(C(a)));
    }

    [Fact]
    public void Subnets_CutsARangeInOrder()
    {
        Assert.Equal(
            ["192.168.0.0/18", "192.168.64.0/18", "192.168.128.0/18", "192.168.192.0/18"],
            C("192.168.0.0/16").Subnets(18).Select(s => s.ToString()));
        Assert.Equal(["255.255.255.252/30"], C("255.255.255.252/30").Subnets(30).Select(s => s.ToString()));
        Assert.Throws<InvalidArgumentException>(() => C("10.0.0.0/16").Subnets(8).ToList());
    }

    [Fact]
    public void Equality_IsByValue()
    {
        Assert.Equal(C("10.0.0.0/8"), C("10.0.0.0/8"));
        Assert.NotEqual(C("10.0.0.0/8"), C("10.0.0.0/9"));
        Assert.Single(new[] { C("10.0.0.0/8"), C("10.0.0.0/8") }.Distinct());
    }

    [Theory]
    [InlineData("10", false)]
    [InlineData("10.1", false)]
    [InlineData("0x0a.0.0.1", false)]
    [InlineData("10.0.0.01", false)]
    [InlineData("10.0.0.1", true)]
    [InlineData("255.255.255.255", true)]
    public void AddressParsing_TakesOnlyDottedQuads(string text, bool valid)
    {
        Assert.Equal(valid, Ipv4.TryParse(text, out _));
        if (!valid)
        {
            var error = Assert.Throws<InvalidArgumentException>(() => Ipv4.Parse(text, "gateway"));
            Assert.Contains($"invalid gateway \"{text}\"", error.Message, StringComparison.Ordinal);
        }
    }
}
