using System.Net;
using System.Net.Sockets;
using Portal.Engine.Errors;

namespace Portal.Engine.Network.Firewall;

/// <summary>
/// Finds out whether a host process holds a port by binding a socket there and closing it at once.
/// Published ports are DNAT'ed before any local socket sees the packets, so a host listener on a
/// published port would silently stop receiving: Docker refuses such a port, and so does Portal.
/// The check runs in the caller's network namespace.
/// </summary>
public sealed class HostPortProbe : IHostPortProbe
{
    private const int SolSocket = 1;
    private const int SoReuseAddr = 2;
    private const int SoReusePort = 15;

    public bool IsInUse(IPAddress address, int port, PortProtocol protocol)
    {
        FirewallNames.IPv4(address, "host address");
        FirewallNames.Port(port, "host port");
        using var socket = protocol == PortProtocol.Tcp
            ? new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp)
            : new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        // Set at the raw level: .NET's ReuseAddress also turns on SO_REUSEPORT on Linux, which would let
        // the bind share a port with another SO_REUSEPORT listener and hide it. SO_REUSEADDR is on for TCP
        // only so that TIME_WAIT leftovers of a listener that is gone do not count (Linux still refuses
        // the bind while anything listens); for UDP it would allow sharing a bound port, so it stays off.
        socket.SetRawSocketOption(SolSocket, SoReusePort, BitConverter.GetBytes(0));
        socket.SetRawSocketOption(SolSocket, SoReuseAddr, BitConverter.GetBytes(protocol == PortProtocol.Tcp ? 1 : 0));
        try
        {
            socket.Bind(new IPEndPoint(address, port));
            return false;
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.AddressAlreadyInUse)
        {
            return true;
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.AddressNotAvailable)
        {
            throw new InvalidArgumentException($"cannot publish on {address}:{port}/{protocol.Name()}: {address} is not an address of this host");
        }
    }
}
