using System.Net;
using Portal.Engine.Errors;
using Portal.Engine.Network.Firewall;
using static Portal.Engine.Tests.Network.Firewall.FirewallSamples;

namespace Portal.Engine.Tests.Network.Firewall;

public sealed class FirewallInputTests
{
    [Theory]
    [InlineData(0, "invalid host port 0: must be between 1 and 65535")]
    [InlineData(70000, "invalid host port 70000: must be between 1 and 65535")]
    public void Host_port_out_of_range_is_refused(int port, string message)
    {
        var e = Assert.Throws<InvalidArgumentException>(() => PublishedPort.Create(Web, "10.99.1.2", 80, "tcp", "0.0.0.0", port));
        Assert.Equal(message, e.Message);
    }

    [Fact]
    public void Container_port_out_of_range_is_refused()
    {
        var e = Assert.Throws<InvalidArgumentException>(() => PublishedPort.Create(Web, "10.99.1.2", 0, "tcp", "0.0.0.0", 80));
        Assert.Equal("invalid container port 0: must be between 1 and 65535", e.Message);
    }

    [Fact]
    public void Unknown_protocol_is_refused()
    {
        var e = Assert.Throws<InvalidArgumentException>(() => PublishedPort.Create(Web, "10.99.1.2", 80, "sctp", "0.0.0.0", 80));
        Assert.Equal("invalid protocol \"sctp\" for a published port (want tcp or udp)", e.Message);
        Assert.Throws<InvalidArgumentException>(() => new PublishedPort(Web, IPAddress.Parse("10.99.1.2"), 80, (PortProtocol)7, IPAddress.Any, 80));
    }

    [Theory]
    [InlineData("::1", "invalid host address ::1: only IPv4 addresses are supported")]
    [InlineData("localhost", "invalid host address \"localhost\": not an IP address")]
    public void Host_address_that_is_not_ipv4_is_refused(string host, string message)
    {
        var e = Assert.Throws<InvalidArgumentException>(() => PublishedPort.Create(Web, "10.99.1.2", 80, "tcp", host, 8080));
        Assert.Equal(message, e.Message);
    }

    [Fact]
    public void Empty_host_address_means_every_address()
    {
        Assert.True(PublishedPort.Create(Web, "10.99.1.2", 80, "TCP", "", 8080).AnyHostAddress);
    }

    [Theory]
    [InlineData("abc", "invalid container id \"abc\" for a published port (want 12 to 64 lowercase hex digits)")]
    [InlineData("aaaaaaaaaaaa\" accept", "invalid container id \"aaaaaaaaaaaa\" accept\" for a published port (want 12 to 64 lowercase hex digits)")]
    public void Container_id_that_is_not_hex_is_refused(string id, string message)
    {
        var e = Assert.Throws<InvalidArgumentException>(() => PublishedPort.Create(id, "10.99.1.2", 80, "tcp", "0.0.0.0", 8080));
        Assert.Equal(message, e.Message);
    }

    [Theory]
    [InlineData("front", "ptbr1\n", "network front: invalid bridge name \"ptbr1\n\" (1-15 characters of [a-zA-Z0-9_.-])")]
    [InlineData("front", "a-bridge-name-too-long", "network front: invalid bridge name \"a-bridge-name-too-long\" (1-15 characters of [a-zA-Z0-9_.-])")]
    [InlineData("front\"; flush ruleset", "ptbr1", "invalid network name \"front\"; flush ruleset\": only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed")]
    public void Names_that_could_break_out_of_the_script_are_refused(string name, string bridge, string message)
    {
        var e = Assert.Throws<InvalidArgumentException>(() => new FirewallNetwork(name, bridge, "10.99.1.0/24"));
        Assert.Equal(message, e.Message);
    }

    [Theory]
    [InlineData("10.99.1.1/24", "network front: invalid subnet \"10.99.1.1/24\" (want an IPv4 CIDR such as 10.89.0.0/24, with no host bits set)")]
    [InlineData("fd00::/64", "network front: invalid subnet fd00::/64: only IPv4 subnets are supported")]
    [InlineData("10.99.1.0/31", "network front: subnet 10.99.1.0/31 is too small (at most /30: a gateway and one container)")]
    public void Bad_subnets_are_refused(string subnet, string message)
    {
        var e = Assert.Throws<InvalidArgumentException>(() => new FirewallNetwork("front", "ptbr1", subnet));
        Assert.Equal(message, e.Message);
    }

    [Fact]
    public void Overlapping_subnets_and_shared_bridges_are_refused()
    {
        var state = FirewallState.Empty.WithNetwork(Front);

        var overlap = Assert.Throws<ConflictException>(() => state.WithNetwork(new FirewallNetwork("wide", "ptbr7", "10.99.0.0/16")));
        Assert.Equal("network wide: subnet 10.99.0.0/16 overlaps subnet 10.99.1.0/24 of network front", overlap.Message);
        var bridge = Assert.Throws<ConflictException>(() => state.WithNetwork(new FirewallNetwork("other", "ptbr1", "10.98.0.0/24")));
        Assert.Equal("network other: bridge ptbr1 is already used by network front", bridge.Message);
    }

    [Fact]
    public void A_port_already_published_by_portal_is_refused_with_dockers_message()
    {
        var state = FirewallState.Empty.WithNetwork(Front).WithPorts(Web, [Tcp("0.0.0.0", 18080)]);

        var e = Assert.Throws<PortAlreadyAllocatedException>(() => state.WithPorts(Mail, [Tcp("127.0.0.1", 18080, "10.99.1.3", id: Mail)]));
        Assert.Equal("Bind for 127.0.0.1:18080 failed: port is already allocated", e.Message);
        // Same number, other protocol or disjoint addresses: no clash.
        state.WithPorts(Mail, [Udp("0.0.0.0", 18080)]);
        var loopback = FirewallState.Empty.WithNetwork(Front).WithPorts(Web, [Tcp("127.0.0.1", 18080)]);
        loopback.WithPorts(Mail, [Tcp("127.0.0.2", 18080, "10.99.1.3", id: Mail)]);
    }

    [Fact]
    public void The_same_port_twice_in_one_request_is_refused()
    {
        var state = FirewallState.Empty.WithNetwork(Front);

        var e = Assert.Throws<PortAlreadyAllocatedException>(() => state.WithPorts(Web, [Tcp("0.0.0.0", 80), Tcp("0.0.0.0", 80, containerPort: 81)]));
        Assert.Equal("Bind for 0.0.0.0:80 failed: port is already allocated", e.Message);
    }

    [Fact]
    public void Republishing_a_container_replaces_its_ports_and_removal_frees_them()
    {
        var state = FirewallState.Empty.WithNetwork(Front).WithPorts(Web, [Tcp("0.0.0.0", 80)]).WithPorts(Web, [Tcp("0.0.0.0", 81)]);

        Assert.Equal([81], state.Ports.Select(p => p.HostPort));
        Assert.Empty(state.WithoutContainer(Web).Ports);
    }

    [Fact]
    public void Ports_must_point_into_a_known_non_internal_network()
    {
        var state = FirewallState.Empty.WithNetwork(Front).WithNetwork(Vault);

        var nowhere = Assert.Throws<InvalidArgumentException>(() => state.WithPorts(Web, [Tcp("0.0.0.0", 80, "10.50.0.2")]));
        Assert.Equal("published port 0.0.0.0:80: container address 10.50.0.2 of container aaaaaaaaaaaa is in no Portal network", nowhere.Message);
        var sealedOff = Assert.Throws<InvalidArgumentException>(() => state.WithPorts(Web, [Tcp("0.0.0.0", 80, "10.99.3.2")]));
        Assert.Equal("published port 0.0.0.0:80: network vault is internal and cannot publish ports", sealedOff.Message);
    }

    [Fact]
    public void A_network_with_published_ports_cannot_be_removed()
    {
        var state = FirewallState.Empty.WithNetwork(Front).WithPorts(Web, [Tcp("0.0.0.0", 80)]);

        var e = Assert.Throws<ConflictException>(() => state.WithoutNetwork("front"));
        Assert.Equal("network front has a published port of container aaaaaaaaaaaa (0.0.0.0:80)", e.Message);
    }
}
