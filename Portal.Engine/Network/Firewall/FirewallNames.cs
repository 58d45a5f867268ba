using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using Portal.Engine.Errors;

namespace Portal.Engine.Network.Firewall;

/// <summary>
/// Checks for everything that ends up inside the nft script. Only these character sets reach the script,
/// so no value can close a quoted string or start a new statement.
/// </summary>
internal static partial class FirewallNames
{
    public static string NetworkName(string name) =>
        NetworkNamePattern().IsMatch(name)
            ? name
            : throw new InvalidArgumentException($"invalid network name \"{name}\": only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed");

    // IFNAMSIZ is 16 including the terminating NUL.
    public static string BridgeName(string bridge, string where) =>
        BridgeNamePattern().IsMatch(bridge) && bridge is not "." and not ".."
            ? bridge
            : throw new InvalidArgumentException($"{where}: invalid bridge name \"{bridge}\" (1-15 characters of [a-zA-Z0-9_.-])");

    public static string ContainerId(string id) =>
        ContainerIdPattern().IsMatch(id)
            ? id
            : throw new InvalidArgumentException($"invalid container id \"{id}\" for a published port (want 12 to 64 lowercase hex digits)");

    public static int Port(int port, string what) =>
        port is >= 1 and <= 65535
            ? port
            : throw new InvalidArgumentException($"invalid {what} {port}: must be between 1 and 65535");

    public static IPAddress IPv4(IPAddress address, string what) =>
        address.AddressFamily == AddressFamily.InterNetwork
            ? address
            : throw new InvalidArgumentException($"invalid {what} {address}: only IPv4 addresses are supported");

    public static IPAddress IPv4(string address, string what) =>
        IPAddress.TryParse(address, out var parsed)
            ? IPv4(parsed, what)
            : throw new InvalidArgumentException($"invalid {what} \"{address}\": not an IP address");

    [GeneratedRegex(@"^[a-zA-Z0-9][a-zA-Z0-9_.-]*\z")]
    private static partial Regex NetworkNamePattern();

    [GeneratedRegex(@"^[a-zA-Z0-9_.-]{1,15}\z")]
    private static partial Regex BridgeNamePattern();

    [GeneratedRegex(@"^[0-9a-f]{12,64}\z")]
    private static partial Regex ContainerIdPattern();
}
