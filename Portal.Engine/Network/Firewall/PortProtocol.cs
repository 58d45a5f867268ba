namespace Portal.Engine.Network.Firewall;

/// <summary>The transport of a published port.</summary>
public enum PortProtocol
{
    Tcp,
    Udp,
}
