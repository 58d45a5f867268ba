using System.Net;

namespace Portal.Engine.Network.Firewall;

/// <summary>Tells whether a host process already holds a port (faked in tests of the firewall's bookkeeping).</summary>
public interface IHostPortProbe
{
    bool IsInUse(IPAddress address, int port, PortProtocol protocol);
}
