using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using Portal.Engine.Interop;

namespace Portal.Engine.Network.Netlink;

/// <summary>
/// rtnetlink operations on links, addresses and routes of one network namespace (the one the client was
/// opened in). Every kernel refusal is a <see cref="LinuxException"/> naming the request and the object,
/// e.g. <c>RTM_NEWLINK veth portal0a1b (peer eth0): EEXIST (File exists)</c>. Needs nothing but the
/// kernel, so the container's own init can use it inside its namespace as well.
/// </summary>
public sealed partial class NetlinkClient : INetlinkClient
{
    private readonly NetlinkSocket _socket;

    private NetlinkClient(NetlinkSocket socket) => _socket = socket;

    /// <summary>A client for the calling thread's network namespace.</summary>
    public static NetlinkClient Open() => new(NetlinkSocket.Open());

    /// <summary>
    /// A client for another network namespace: the socket is created there on a short-lived dedicated thread
    /// (setns, socket, setns back, thread ends), so no pool thread ever changes namespace.
    /// </summary>
    public static NetlinkClient OpenIn(NetworkNamespace networkNamespace) =>
        new(NetlinkSocket.OpenIn(networkNamespace.Handle, networkNamespace.Path));

    public void Dispose() => _socket.Dispose();

    private Task<List<NetlinkMessage>> SendAsync(
        NetlinkMessageWriter request, string detail, string target, CancellationToken cancellationToken) =>
        _socket.ExchangeAsync(
            request, detail.Length == 0 ? Rtnl.MessageName(request.Type) : $"{Rtnl.MessageName(request.Type)} {detail}", target,
            cancellationToken);

    private async Task<int> RequireIndexAsync(string name, string operation, string target, CancellationToken cancellationToken) =>
        await GetIndexAsync(name, cancellationToken) ?? throw new LinuxException(operation, target, ErrnoNames.ENODEV);

    private static string Describe(IPAddress address, int prefixLength, string link) => $"{address}/{prefixLength} dev {link}";

    private static string Describe(IPNetwork destination, IPAddress? gateway, string? device) =>
        (destination.PrefixLength == 0 ? "default" : destination.ToString())
        + (gateway is null ? "" : $" via {gateway}")
        + (device is null ? "" : $" dev {device}");

    private static void CheckName(string name, string what)
    {
        // IFNAMSIZ is 16 including the terminating NUL.
        if (name.Length is 0 or > 15 || name.Any(c => c is '/' or ':' || char.IsWhiteSpace(c) || c > 0x7e) || name is "." or "..")
        {
            throw new ArgumentException($"{what} '{name}' is not a valid interface name (1-15 printable ASCII, no '/', ':' or space)", what);
        }
    }

    private static void CheckMtu(int? mtu, string link)
    {
        if (mtu is < 68 or > 65535)
        {
            throw new ArgumentOutOfRangeException(nameof(mtu), mtu, $"MTU for {link} must be between 68 and 65535");
        }
    }

    private static void CheckPrefix(IPAddress address, int prefixLength)
    {
        var max = address.AddressFamily switch
        {
            AddressFamily.InterNetwork => 32,
            AddressFamily.InterNetworkV6 => 128,
            _ => throw new ArgumentException($"{address} is not an IPv4 or IPv6 address", nameof(address)),
        };
        if (prefixLength < 0 || prefixLength > max)
        {
            throw new ArgumentOutOfRangeException(nameof(prefixLength), prefixLength, $"prefix length of {address} must be 0-{max}");
        }
    }
}
