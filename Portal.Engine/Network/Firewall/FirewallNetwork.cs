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
        Bridge = FirewallNames.BridgeName(name, bridge);
        if (subnet.BaseAddress.AddressFamily != AddressFamily.InterNetwork)
        {
            throw new InvalidArgumentException($"network {name}: invalid subnet {subnet}: only IPv4 subnets are supported");
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

    private static IPNetwork ParseSubnet(string name, string subnet) =>
        IPNetwork.TryParse(subnet, out var parsed)
            ? parsed
            : throw new InvalidArgumentException($"network {name}: invalid subnet \"{subnet}\" (want an IPv4 CIDR such as 10.89.0.0/24, with no host bits set)");
}
