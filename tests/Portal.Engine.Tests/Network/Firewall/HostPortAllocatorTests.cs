using System.Net;
using System.Net.Sockets;
using Portal.Engine.Errors;
using Portal.Engine.Network.Firewall;
using Portal.Engine.Tests.TestSupport;

namespace Portal.Engine.Tests.Network.Firewall;

public sealed class HostPortAllocatorTests : IDisposable
{
    private readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    [Theory]
    [InlineData("32768\t60999\n", 32768, 60999)]
    [InlineData("1024 1030", 1024, 1030)]
    [InlineData("60999\t32768\n", HostPortAllocator.FallbackFirst, HostPortAllocator.FallbackLast)]
    [InlineData("0\t65536\n", HostPortAllocator.FallbackFirst, HostPortAllocator.FallbackLast)]
    [InlineData("garbage", HostPortAllocator.FallbackFirst, HostPortAllocator.FallbackLast)]
    public void The_kernel_range_is_read_and_docker_s_range_stands_in_for_nonsense(string text, int first, int last)
    {
        var path = temp.Combine("ip_local_port_range");
        File.WriteAllText(path, text);

        Assert.Equal((first, last), HostPortAllocator.ReadRange(path));
    }

    [Fact]
    public void A_missing_range_file_gives_docker_s_range()
    {
        Assert.Equal((49153, 65535), HostPortAllocator.ReadRange(temp.Combine("absent")));
    }

    [Fact]
    public void Any_free_port_goes_round_robin_through_the_ephemeral_range_and_wraps()
    {
        var allocator = new HostPortAllocator(new FreePorts(), 40000, 40002);

        var ports = Enumerable.Range(0, 4).Select(_ => allocator.Choose(PortProtocol.Tcp, IPAddress.Any, 0, 0, _ => false)).ToList();

        Assert.Equal([40000, 40001, 40002, 40000], ports);
        Assert.Equal(40000, allocator.Choose(PortProtocol.Udp, IPAddress.Any, 0, 0, _ => false));
    }

    [Fact]
    public void Ports_taken_by_containers_or_held_by_host_sockets_are_skipped()
    {
        var probe = new BusyPorts(40001);
        var allocator = new HostPortAllocator(probe, 40000, 40005);

        var port = allocator.Choose(PortProtocol.Tcp, IPAddress.Loopback, 0, 0, p => p == 40000);

        Assert.Equal(40002, port);
        Assert.Equal([(IPAddress.Loopback, 40001, PortProtocol.Tcp), (IPAddress.Loopback, 40002, PortProtocol.Tcp)], probe.Asked);
    }

    [Fact]
    public void A_range_is_searched_from_its_first_port_every_time()
    {
        var allocator = new HostPortAllocator(new FreePorts(), 40000, 40005);

        Assert.Equal(9000, allocator.Choose(PortProtocol.Tcp, IPAddress.Any, 9000, 9010, _ => false));
        Assert.Equal(9000, allocator.Choose(PortProtocol.Tcp, IPAddress.Any, 9000, 9010, _ => false));
        Assert.Equal(9003, allocator.Choose(PortProtocol.Tcp, IPAddress.Any, 9000, 9010, p => p < 9003));
    }

    [Fact]
    public void A_full_range_fails_with_docker_s_message_naming_the_range()
    {
        var allocator = new HostPortAllocator(new BusyPorts(9001), 40000, 40005);

        var e = Assert.Throws<EngineException>(() => allocator.Choose(PortProtocol.Udp, IPAddress.Loopback, 9000, 9001, p => p == 9000));

        Assert.Equal("Bind for 127.0.0.1:9000-9001/udp failed: all ports are allocated", e.Message);
    }

    [Fact]
    public void A_real_listener_in_the_range_is_skipped()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var busy = ((IPEndPoint)listener.LocalEndpoint).Port;
        var allocator = new HostPortAllocator(new HostPortProbe(), 40000, 40005);

        var port = allocator.Choose(PortProtocol.Tcp, IPAddress.Loopback, busy, Math.Min(busy + 20, 65535), _ => false);

        Assert.NotEqual(busy, port);
        Assert.InRange(port, busy + 1, busy + 20);
    }

    private sealed class BusyPorts(params int[] busy) : IHostPortProbe
    {
        public List<(IPAddress, int, PortProtocol)> Asked { get; } = [];

        public bool IsInUse(IPAddress address, int port, PortProtocol protocol)
        {
            Asked.Add((address, port, protocol));
            return busy.Contains(port);
        }
    }
}
