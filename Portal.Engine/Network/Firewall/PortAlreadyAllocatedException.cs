using Portal.Engine.Errors;

namespace Portal.Engine.Network.Firewall;

/// <summary>
/// A host port is taken, by another published port or by a host process. The message is Docker's
/// ("Bind for 127.0.0.1:18080 failed: port is already allocated"), which the docker CLI prints as is.
/// </summary>
public sealed class PortAlreadyAllocatedException : EngineException
{
    public PortAlreadyAllocatedException(string message, PublishedPort port)
        : base(message)
    {
        Port = port;
    }

    public PublishedPort Port { get; }

    public static PortAlreadyAllocatedException For(PublishedPort port) =>
        new($"Bind for {port.HostEndpoint} failed: port is already allocated", port);
}
