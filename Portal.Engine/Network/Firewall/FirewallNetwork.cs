using System.Net;
using System.Net.Sockets;
using Portal.Engine.Errors;

namespace Portal.Engine.Network.Firewall;

/// <summary>
/// One Portal bridge network as the firewall sees it. An internal network gets no masquerade and
/// no traffic in or out of its bridge, only between its own containers.
/// </summary>
public sealed record FirewallNetwork
{
    public FirewallNetwork(string name, string bridge, IPNetwork subnet, bool isInternal = false)
    {
        Name = FirewallNames.NetworkName(name);
        Bridge = FirewallNames.BridgeName(bridge, $"network {name}");
        if (subnet.BaseAddress.AddressFamily != AddressFamily.InterNetwork)
        {
            throw new InvalidArgumentException($"network {name}: invalid subnet {subnet}: only IPv4 subnets are supported");
        }

        if (HasHostBits(subnet.BaseAddress, subnet.PrefixLength))
        {
            throw new InvalidArgumentException($"network {name}: invalid subnet \"{subnet.BaseAddress}/{subnet.PrefixLength}\" (want an IPv4 CIDR such as 10.89.0.0/24, with no host bits set)");
        }

        if (subnet.PrefixLength > 30)
        {
            throw new InvalidArgumentException($"network {name}: subnet {subnet} is too small (at most /30: a gateway and one container)");
        }

        Subnet = subnet;
        Internal = isInternal;
    }

    public FirewallNetwork(string name, string bridge, string subnet, bool isInternal = false)
        : this(name, bridge, ParseSubnet(name, subnet), isInternal)
    {
    }

    public string Name { get; }
    public string Bridge { get; }
    public IPNetwork Subnet { get; }
    public bool Internal { get; }

    private static IPNetwork ParseSubnet(string name, string subnet)
    {
        var parts = subnet.Split('/');
        if (parts.Length != 2
            || !IPAddress.TryParse(parts[0], out var address)
            || !int.TryParse(parts[1], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var prefix)
            || prefix > (address.AddressFamily == AddressFamily.InterNetwork ? 32 : 128)
            || HasHostBits(address, prefix))
        {
            throw new InvalidArgumentException($"network {name}: invalid subnet \"{subnet}\" (want an IPv4 CIDR such as 10.89.0.0/24, with no host bits set)");
        }

        return new IPNetwork(address, prefix);
    }

    private static bool HasHostBits(IPAddress address, int prefix)
    {
        var bytes = address.GetAddressBytes();
        for (var bit = prefix; bit < bytes.Length * 8; bit++)
        {
            if ((bytes[bit / 8] & (0x80 >> (bit % 8))) != 0)
            {
                return true;
            }
        }

        return false;
    }
}
