using Portal.Engine.Containers;
using Portal.Engine.Errors;

namespace Portal.Engine.Tests.Containers;

public sealed class PortSpecsTests
{
    private const string Where = "HostConfig.PortBindings.80/tcp";

    [Fact]
    public void Container_keys_default_to_tcp_and_may_be_ranges()
    {
        Assert.Equal((80, 80, "tcp"), PortSpecs.ParseContainerKey("80", Where));
        Assert.Equal((53, 53, "udp"), PortSpecs.ParseContainerKey("53/UDP", Where));
        Assert.Equal((80, 82, "tcp"), PortSpecs.ParseContainerKey("80-82/tcp", Where));
    }

    [Fact]
    public void Empty_or_zero_host_port_asks_for_any_port_and_a_range_for_one_of_it()
    {
        Assert.Equal((0, 0), PortSpecs.ParseHostPort("", Where));
        Assert.Equal((0, 0), PortSpecs.ParseHostPort("0", Where));
        Assert.Equal((8080, 8080), PortSpecs.ParseHostPort("8080", Where));
        Assert.Equal((9000, 9010), PortSpecs.ParseHostPort("9000-9010", Where));
    }

    [Theory]
    [InlineData("0/tcp", "", "", "HostConfig.PortBindings.80/tcp: invalid container port \"0\"")]
    [InlineData("65536/tcp", "", "", "HostConfig.PortBindings.80/tcp: invalid container port \"65536\"")]
    [InlineData("80/sctp", "", "", "HostConfig.PortBindings.80/tcp: invalid protocol \"sctp\" (want tcp or udp)")]
    [InlineData("82-80/tcp", "", "", "HostConfig.PortBindings.80/tcp: invalid container port range \"82-80\": it ends before it starts")]
    [InlineData("80/tcp", "", "65536", "HostConfig.PortBindings.80/tcp: invalid host port \"65536\"")]
    [InlineData("80/tcp", "", "0-10", "HostConfig.PortBindings.80/tcp: invalid host port \"0-10\"")]
    [InlineData("80/tcp", "", "9010-9000", "HostConfig.PortBindings.80/tcp: invalid host port range \"9010-9000\": it ends before it starts")]
    [InlineData("80/tcp", "", "x", "HostConfig.PortBindings.80/tcp: invalid host port \"x\"")]
    [InlineData("80-82/tcp", "", "9000-9001", "HostConfig.PortBindings.80/tcp: host port \"9000-9001\" has 2 port(s) but container ports \"80-82/tcp\" have 3")]
    [InlineData("80-82/tcp", "", "9000", "HostConfig.PortBindings.80/tcp: host port \"9000\" has 1 port(s) but container ports \"80-82/tcp\" have 3")]
    [InlineData("80/tcp", "1.2.3", "8080", "HostConfig.PortBindings.80/tcp: invalid host IP \"1.2.3\" (want an IPv4 address or empty)")]
    [InlineData("80/tcp", "::1", "8080", "HostConfig.PortBindings.80/tcp: invalid host IP \"::1\"")]
    public void Bad_specs_are_refused_naming_the_field_and_the_value(string key, string hostIp, string hostPort, string message)
    {
        var e = Assert.Throws<InvalidArgumentException>(() => PortSpecs.Expand(key, hostIp, hostPort, Where));

        Assert.StartsWith(message, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Ranges_expand_port_by_port_onto_free_ports_or_one_of_a_host_range()
    {
        Assert.Equal(
            [new PortBinding(80, "tcp", "", 8000), new PortBinding(81, "tcp", "", 8001), new PortBinding(82, "tcp", "", 8002)],
            PortSpecs.Expand("80-82/tcp", "", "8000-8002", Where));
        Assert.Equal(
            [new PortBinding(80, "udp", "127.0.0.1", 0), new PortBinding(81, "udp", "127.0.0.1", 0)],
            PortSpecs.Expand("80-81/udp", "127.0.0.1", "", Where));
        Assert.Equal([new PortBinding(80, "tcp", "", 9000) { HostPortEnd = 9010 }], PortSpecs.Expand("80", "", "9000-9010", Where));
        Assert.Equal([new PortBinding(80, "tcp", "", 9000)], PortSpecs.Expand("80", "", "9000-9000", Where));
    }

    [Fact]
    public void Publish_all_adds_any_free_port_for_every_exposed_port_without_a_binding()
    {
        var given = new PortBinding(8080, "tcp", "127.0.0.1", 18080);

        var all = PortSpecs.PublishAll(["8080/tcp", "53/udp", "9000-9001/tcp", "53/udp"], [given]);

        Assert.Equal(
            [given, new PortBinding(53, "udp", "", 0), new PortBinding(9000, "tcp", "", 0), new PortBinding(9001, "tcp", "", 0)],
            all);
        var e = Assert.Throws<InvalidArgumentException>(() => PortSpecs.PublishAll(["80/sctp"], []));
        Assert.Equal("ExposedPorts 80/sctp: invalid protocol \"sctp\" (want tcp or udp)", e.Message);
    }

    [Theory]
    [InlineData(0, 0, "")]
    [InlineData(9000, 9010, "9000-9010")]
    [InlineData(8080, 0, "8080")]
    public void A_binding_names_the_host_port_as_requested(int hostPort, int end, string text)
    {
        Assert.Equal(text, new PortBinding(80, "tcp", "", hostPort) { HostPortEnd = end }.RequestedHostPortText);
        Assert.Equal("", new PortBinding(80, "tcp", "", 49200) { RequestedHostPort = "" }.RequestedHostPortText);
    }

    [Theory]
    [InlineData(-1, 0, "invalid host port \"-1\"")]
    [InlineData(65536, 0, "invalid host port \"65536\"")]
    [InlineData(9010, 9000, "invalid host port \"9010-9000\"")]
    [InlineData(0, 9000, "invalid host port \"0-9000\"")]
    public void Validation_refuses_bad_host_ports_of_engine_requests(int hostPort, int end, string message)
    {
        var e = Assert.Throws<InvalidArgumentException>(() => PortSpecs.Validate(new PortBinding(80, "tcp", "", hostPort) { HostPortEnd = end }));

        Assert.Contains("PortBindings 80/tcp: " + message, e.Message, StringComparison.Ordinal);
    }
}
