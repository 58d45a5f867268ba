using Portal.Engine.Errors;

namespace Portal.Engine.Network.Firewall;

/// <summary>Docker's protocol spellings ("tcp", "udp") to and from <see cref="PortProtocol"/>.</summary>
public static class PortProtocols
{
    public static PortProtocol Parse(string value) => value.ToLowerInvariant() switch
    {
        "tcp" => PortProtocol.Tcp,
        "udp" => PortProtocol.Udp,
        _ => throw new InvalidArgumentException($"invalid protocol \"{value}\" for a published port (want tcp or udp)"),
    };

    public static string Name(this PortProtocol protocol) => protocol switch
    {
        PortProtocol.Tcp => "tcp",
        PortProtocol.Udp => "udp",
        _ => throw new InvalidArgumentException($"invalid protocol {(int)protocol} for a published port (want tcp or udp)"),
    };
}
