using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Portal.Engine.Errors;

namespace Portal.Engine.Containers;

/// <summary>
/// Docker's port specs: container keys ("80", "80/tcp", "80-82/udp"), host ports ("" or "0" for any free
/// port, "8080", "9000-9010" for one of a range) and host addresses. Every error names where and what.
/// </summary>
public static class PortSpecs
{
    private const string HostPortWant = "want 1-65535, a range like 9000-9010, or empty for any free port";

    /// <summary>A container key: its first and last port (equal without a range) and protocol (tcp when none is given).</summary>
    public static (int First, int Last, string Protocol) ParseContainerKey(string key, string where)
    {
        var slash = key.IndexOf('/', StringComparison.Ordinal);
        var protocol = slash < 0 ? "tcp" : key[(slash + 1)..].ToLowerInvariant();
        if (protocol is not ("tcp" or "udp"))
        {
            throw new InvalidArgumentException($"{where}: invalid protocol \"{key[(slash + 1)..]}\" (want tcp or udp)");
        }

        var ports = slash < 0 ? key : key[..slash];
        var (first, last) = ParseRange(ports, where, "container port", "want 1-65535 or a range like 80-82");
        return (first, last, protocol);
    }

    /// <summary>A host port: (0, 0) for any free port, (n, n) for one port, (first, last) for one of a range.</summary>
    public static (int First, int Last) ParseHostPort(string text, string where)
    {
        if (text.Length == 0 || text == "0")
        {
            return (0, 0);
        }

        return ParseRange(text, where, "host port", HostPortWant);
    }

    /// <summary>"" (every address) or an IPv4 address.</summary>
    public static string CheckHostIp(string hostIp, string where) =>
        hostIp.Length == 0 || (IPAddress.TryParse(hostIp, out var address) && address.AddressFamily == AddressFamily.InterNetwork && hostIp.Split('.').Length == 4)
            ? hostIp
            : throw new InvalidArgumentException($"{where}: invalid host IP \"{hostIp}\" (want an IPv4 address or empty)");

    /// <summary>
    /// One binding of Docker's PortBindings (key and one HostIp/HostPort) as the engine's bindings, one per
    /// container port: a container range maps onto an equal host range port by port or onto any free ports;
    /// a single container port may take one port of a host range.
    /// </summary>
    public static IReadOnlyList<PortBinding> Expand(string key, string hostIp, string hostPort, string where)
    {
        var (first, last, protocol) = ParseContainerKey(key, where);
        CheckHostIp(hostIp, where);
        var (hostFirst, hostLast) = ParseHostPort(hostPort, where);
        var count = last - first + 1;
        if (hostFirst == 0)
        {
            return [.. Enumerable.Range(first, count).Select(p => new PortBinding(p, protocol, hostIp, 0))];
        }

        if (count == 1)
        {
            return [new PortBinding(first, protocol, hostIp, hostFirst) { HostPortEnd = hostLast == hostFirst ? 0 : hostLast }];
        }

        return hostLast - hostFirst + 1 == count
            ? [.. Enumerable.Range(0, count).Select(i => new PortBinding(first + i, protocol, hostIp, hostFirst + i))]
            : throw new InvalidArgumentException(
                $"{where}: host port \"{hostPort}\" has {hostLast - hostFirst + 1} port(s) but container ports \"{key}\" have {count}: the sizes must match");
    }

    /// <summary>-P: a binding to any free host port for every exposed container port that has none.</summary>
    public static IReadOnlyList<PortBinding> PublishAll(IEnumerable<string> exposedPorts, IReadOnlyList<PortBinding> bindings)
    {
        var added = new List<PortBinding>();
        foreach (var key in exposedPorts)
        {
            var (first, last, protocol) = ParseContainerKey(key, $"ExposedPorts {key}");
            for (var port = first; port <= last; port++)
            {
                if (!bindings.Concat(added).Any(b => b.ContainerPort == port && b.Protocol == protocol))
                {
                    added.Add(new PortBinding(port, protocol, "", 0));
                }
            }
        }

        return [.. bindings, .. added];
    }

    /// <summary>Checks a binding of a create request (API callers other than the Docker mapper included).</summary>
    public static void Validate(PortBinding port)
    {
        var where = $"PortBindings {port.ContainerPort}/{port.Protocol}";
        if (port.ContainerPort is < 1 or > 65535)
        {
            throw new InvalidArgumentException($"{where}: invalid container port {port.ContainerPort} (want 1-65535)");
        }

        if (port.Protocol is not ("tcp" or "udp"))
        {
            throw new InvalidArgumentException($"{where}: invalid protocol \"{port.Protocol}\" (want tcp or udp)");
        }

        if (port.HostPort is < 0 or > 65535 || (port.HostPortEnd != 0 && (port.HostPort == 0 || port.HostPortEnd < port.HostPort || port.HostPortEnd > 65535)))
        {
            throw new InvalidArgumentException($"{where}: invalid host port \"{port.RequestedHostPortText}\" ({HostPortWant})");
        }

        CheckHostIp(port.HostIp, where);
    }

    private static (int First, int Last) ParseRange(string text, string where, string what, string want)
    {
        var dash = text.IndexOf('-', StringComparison.Ordinal);
        var first = Port(dash < 0 ? text : text[..dash]);
        var last = dash < 0 ? first : Port(text[(dash + 1)..]);
        if (first is not { } f || last is not { } l)
        {
            throw new InvalidArgumentException($"{where}: invalid {what} \"{text}\" ({want})");
        }

        return f <= l ? (f, l) : throw new InvalidArgumentException($"{where}: invalid {what} range \"{text}\": it ends before it starts");
    }

    private static int? Port(string text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port is >= 1 and <= 65535 ? port : null;
}
