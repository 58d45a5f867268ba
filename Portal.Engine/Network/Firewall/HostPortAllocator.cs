using System.Globalization;
using System.Net;
using Portal.Engine.Errors;

namespace Portal.Engine.Network.Firewall;

/// <summary>
/// Chooses host ports for bindings that ask for any free port or one of a range. Any free port comes from the
/// kernel's ephemeral range (<c>ip_local_port_range</c>, as Docker's allocator reads it, with Docker's
/// 49153-65535 when it cannot be read), handed out round-robin so a port a removed container just freed is
/// not given to the next one at once. A range is searched from its first port. A port is skipped when the
/// caller says it is taken (another container's binding) or a host socket holds it.
/// </summary>
public sealed class HostPortAllocator(IHostPortProbe probe, int dynamicFirst, int dynamicLast)
{
    public const string KernelRangePath = "/proc/sys/net/ipv4/ip_local_port_range";
    public const int FallbackFirst = 49153;
    public const int FallbackLast = 65535;

    private readonly Lock _lock = new();
    private readonly Dictionary<PortProtocol, int> _last = [];

    public int DynamicFirst { get; } = dynamicFirst;
    public int DynamicLast { get; } = dynamicLast;

    public static HostPortAllocator FromKernel(IHostPortProbe probe, string path = KernelRangePath)
    {
        var (first, last) = ReadRange(path);
        return new HostPortAllocator(probe, first, last);
    }

    /// <summary>"32768\t60999" from the kernel; Docker's default range when the file is missing or makes no sense.</summary>
    public static (int First, int Last) ReadRange(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return (FallbackFirst, FallbackLast);
        }

        var parts = text.Split((char[])[' ', '\t', '\n'], StringSplitOptions.RemoveEmptyEntries);
        return parts.Length == 2
            && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var first)
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var last)
            && first is >= 1 and <= 65535 && last is >= 1 and <= 65535 && first <= last
                ? (first, last)
                : (FallbackFirst, FallbackLast);
    }

    /// <summary>
    /// A free port for <paramref name="hostAddress"/>: from <paramref name="first"/>-<paramref name="last"/>, or from the
    /// ephemeral range when <paramref name="first"/> is 0. Throws Docker's "all ports are allocated" when none is free.
    /// </summary>
    public int Choose(PortProtocol protocol, IPAddress hostAddress, int first, int last, Func<int, bool> isTaken)
    {
        ArgumentNullException.ThrowIfNull(isTaken);
        lock (_lock)
        {
            var dynamic = first == 0;
            var (from, to) = dynamic ? (DynamicFirst, DynamicLast) : (first, last);
            var size = to - from + 1;
            var start = dynamic && _last.TryGetValue(protocol, out var previous) && previous >= from && previous < to ? previous + 1 - from : 0;
            for (var i = 0; i < size; i++)
            {
                var port = from + ((start + i) % size);
                if (isTaken(port) || probe.IsInUse(hostAddress, port, protocol))
                {
                    continue;
                }

                if (dynamic)
                {
                    _last[protocol] = port;
                }

                return port;
            }

            throw new EngineException($"Bind for {hostAddress}:{from}-{to}/{protocol.Name()} failed: all ports are allocated");
        }
    }
}
