using System.Net;
using System.Net.Sockets;

namespace Portal.Tests.Shared;

/// <summary>A loopback TCP port nothing listens on right now. Shared by the server tests, e2e and the benchmarks (linked in).</summary>
internal static class LoopbackPort
{
    public static int Free()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
