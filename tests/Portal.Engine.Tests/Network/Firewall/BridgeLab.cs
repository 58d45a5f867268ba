using System.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using Portal.Engine.Network.Firewall;
using Portal.Engine.Tests.TestSupport;

namespace Portal.Engine.Tests.Network.Firewall;

/// <summary>
/// A host stand-in namespace with bridges, and one namespace per "container" wired to a bridge by a veth,
/// so the firewall's real rules run without touching the host's own network or ruleset.
/// Disposal kills the servers and deletes every namespace (their links and tables go with them).
/// </summary>
internal sealed class BridgeLab : IDisposable
{
    private readonly List<NetNamespace> _containers = [];
    private readonly List<Process> _servers = [];
    private readonly TempDirectory _sysctls = new("portal-fw-sysctl-");

    public BridgeLab()
    {
        Host = NetNamespace.Create();
        try
        {
            Prepare();
        }
        catch
        {
            Host.Dispose();
            _sysctls.Dispose();
            throw;
        }

        Firewall = new BridgeFirewall(new Nftables(commandPrefix: Host.Prefix), new FirewallSysctls(_sysctls.Path), new FreePorts(), NullLogger<BridgeFirewall>.Instance);
    }

    private void Prepare()
    {
        // Set for real inside the lab; the firewall's own writer gets a scratch directory, since
        // /proc/sys/net always belongs to the namespace of the process that opens it: the test's, the host's.
        Host.Exec("busybox", "sysctl", "-w", "net.ipv4.ip_forward=1");
        Directory.CreateDirectory(_sysctls.Combine("net", "ipv4", "conf"));
    }

    public NetNamespace Host { get; }

    public string SysctlRoot => _sysctls.Path;

    public BridgeFirewall Firewall { get; }

    public void AddBridge(FirewallNetwork network)
    {
        var gateway = Gateway(network);
        NetNamespace.Run("ip", "-n", Host.Name, "link", "add", network.Bridge, "type", "bridge");
        NetNamespace.Run("ip", "-n", Host.Name, "addr", "add", $"{gateway}/{network.Subnet.PrefixLength}", "dev", network.Bridge);
        NetNamespace.Run("ip", "-n", Host.Name, "link", "set", network.Bridge, "up");
        Host.Exec("busybox", "sysctl", "-w", $"net.ipv4.conf.{network.Bridge}.route_localnet=1");
        Directory.CreateDirectory(_sysctls.Combine("net", "ipv4", "conf", network.Bridge));
    }

    /// <summary>A container namespace at <paramref name="address"/> on the network's bridge, default route via the gateway.</summary>
    public NetNamespace AddContainer(FirewallNetwork network, string address)
    {
        var container = NetNamespace.Create();
        _containers.Add(container);
        var hostSide = $"ptv{_containers.Count}";
        NetNamespace.Run("ip", "-n", Host.Name, "link", "add", hostSide, "type", "veth", "peer", "name", "eth0", "netns", container.Name);
        NetNamespace.Run("ip", "-n", Host.Name, "link", "set", hostSide, "master", network.Bridge, "up");
        // With br_netfilter loaded (Docker and Kubernetes hosts), a DNAT back to the sender's own container
        // is bridged out of the port it came in on, which a bridge refuses unless the port is in hairpin mode.
        NetNamespace.Run("ip", "-n", Host.Name, "link", "set", hostSide, "type", "bridge_slave", "hairpin", "on");
        NetNamespace.Run("ip", "-n", container.Name, "addr", "add", $"{address}/{network.Subnet.PrefixLength}", "dev", "eth0");
        NetNamespace.Run("ip", "-n", container.Name, "link", "set", "eth0", "up");
        NetNamespace.Run("ip", "-n", container.Name, "route", "add", "default", "via", Gateway(network));
        return container;
    }

    /// <summary>Starts a TCP server answering "hi" on every connection and waits until it answers.</summary>
    public void ServeHi(NetNamespace container, int port)
    {
        _servers.Add(container.Start("busybox", "nc", "-ll", "-p", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-e", "echo", "hi"));
        for (var attempt = 0; attempt < 100; attempt++)
        {
            if (Connect(container, "127.0.0.1", port) == "hi\n")
            {
                return;
            }

            Thread.Sleep(50);
        }

        throw new InvalidOperationException($"the server in {container.Name} never answered on port {port}");
    }

    /// <summary>Connects from inside <paramref name="from"/> and returns what the server sent ("" when it could not connect).</summary>
    public static string Connect(NetNamespace from, string address, int port) =>
        from.TryExec(null, "busybox", "nc", "-w", "2", address, port.ToString(System.Globalization.CultureInfo.InvariantCulture)).Output;

    public static string Gateway(FirewallNetwork network)
    {
        var bytes = network.Subnet.BaseAddress.GetAddressBytes();
        bytes[3]++;
        return new System.Net.IPAddress(bytes).ToString();
    }

    public void Dispose()
    {
        foreach (var server in _servers)
        {
            try
            {
                server.Kill();
                server.WaitForExit();
            }
            catch (InvalidOperationException)
            {
            }

            server.Dispose();
        }

        foreach (var container in _containers)
        {
            container.Dispose();
        }

        Firewall.Dispose();
        Host.Dispose();
        _sysctls.Dispose();
    }
}
