using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging.Abstractions;
using Portal.Engine.Network.Firewall;
using Portal.Engine.Tests.TestSupport;
using static Portal.Engine.Tests.Network.Firewall.FirewallSamples;

namespace Portal.Engine.Tests.Network.Firewall;

public sealed class HostPortProbeTests
{
    [Fact]
    public void A_tcp_listener_holds_its_port_on_its_address_and_on_any_address()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var probe = new HostPortProbe();

        Assert.True(probe.IsInUse(IPAddress.Loopback, port, PortProtocol.Tcp));
        Assert.True(probe.IsInUse(IPAddress.Any, port, PortProtocol.Tcp));
        Assert.False(probe.IsInUse(IPAddress.Loopback, port, PortProtocol.Udp));
    }

    [Fact]
    public void A_bound_udp_socket_holds_its_port()
    {
        using var udp = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        var port = ((IPEndPoint)udp.Client.LocalEndPoint!).Port;

        Assert.True(new HostPortProbe().IsInUse(IPAddress.Loopback, port, PortProtocol.Udp));
    }

    [Fact]
    public void A_closed_port_is_free()
    {
        int port;
        using (var listener = new TcpListener(IPAddress.Loopback, 0))
        {
            listener.Start();
            port = ((IPEndPoint)listener.LocalEndpoint).Port;
        }

        Assert.False(new HostPortProbe().IsInUse(IPAddress.Loopback, port, PortProtocol.Tcp));
    }

    [Fact]
    public void An_address_that_is_not_local_is_an_error()
    {
        var e = Assert.Throws<Portal.Engine.Errors.InvalidArgumentException>(() => new HostPortProbe().IsInUse(IPAddress.Parse("192.0.2.77"), 18080, PortProtocol.Tcp));
        Assert.Equal("cannot publish on 192.0.2.77:18080/tcp: 192.0.2.77 is not an address of this host", e.Message);
    }

    [Fact]
    public async Task Firewall_refuses_a_port_a_host_listener_holds_and_keeps_its_state()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        using var sysctls = new TempDirectory();
        Directory.CreateDirectory(Path.Combine(sysctls.Path, "net", "ipv4", "conf", "ptbr1"));
        // /bin/true stands in for nft: this test is about the bookkeeping, not the kernel.
        using var firewall = new BridgeFirewall(new Nftables("/bin/true"), new FirewallSysctls(sysctls.Path), new HostPortProbe(), NullLogger<BridgeFirewall>.Instance);
        await firewall.AddNetworkAsync(Front, TestContext.Current.CancellationToken);

        var requested = Tcp("127.0.0.1", port);
        var check = Assert.Throws<PortAlreadyAllocatedException>(() => firewall.CheckPorts(Web, [requested]));
        Assert.Equal($"Bind for 127.0.0.1:{port} failed: port is already allocated", check.Message);
        var publish = await Assert.ThrowsAsync<PortAlreadyAllocatedException>(() => firewall.PublishAsync(Web, [requested], TestContext.Current.CancellationToken));
        Assert.Same(requested, publish.Port);
        Assert.Empty(firewall.State.Ports);
        Assert.Equal("1", new FirewallSysctls(sysctls.Path).Read("net/ipv4/conf/ptbr1/route_localnet"));
    }
}
