using System.Net;
using Portal.Engine.Network.Firewall;

namespace Portal.Engine.Tests.Network.Firewall;

/// <summary>Every port is free: the lab's ports live in its own namespace, not the test process's.</summary>
internal sealed class FreePorts : IHostPortProbe
{
    public bool IsInUse(IPAddress address, int port, PortProtocol protocol) => false;
}
