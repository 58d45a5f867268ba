using System.Globalization;
using Portal.Engine.Errors;

namespace Portal.Engine.Network.Firewall;

/// <summary>
/// The kernel switches the bridge data path needs. Writes go to <c>/proc/sys</c> of the caller's network
/// namespace (tests pass a temporary directory). A value already set is not written again.
/// </summary>
public sealed class FirewallSysctls(string procSysRoot = "/proc/sys")
{
    /// <summary>
    /// net.ipv4.ip_forward=1: without it the kernel drops everything between a bridge and any other
    /// interface, so neither outbound traffic nor published ports work. Host-wide, as Docker and podman set it.
    /// </summary>
    public void EnableForwarding() => Write("net/ipv4/ip_forward", 1);

    /// <summary>
    /// net.ipv4.conf.&lt;bridge&gt;.route_localnet=1: a port published on 127.0.0.1 is DNAT'ed with the
    /// packet's 127.0.0.1 source still in place (masquerade only rewrites it in postrouting), and the kernel
    /// refuses to route a loopback source out of any interface where this is 0. Scoped to the bridge.
    /// Call after the bridge exists.
    /// </summary>
    public void PrepareBridge(string bridge) =>
        Write($"net/ipv4/conf/{FirewallNames.BridgeName(bridge, "set route_localnet")}/route_localnet", 1);

    /// <summary>Reads a value, or null when the key does not exist (tests and diagnostics).</summary>
    public string? Read(string key)
    {
        var path = PathOf(key);
        return File.Exists(path) ? File.ReadAllText(path).Trim() : null;
    }

    private void Write(string key, int value)
    {
        var path = PathOf(key);
        var text = value.ToString(CultureInfo.InvariantCulture);
        try
        {
            if (File.Exists(path) && File.ReadAllText(path).Trim() == text)
            {
                return;
            }

            File.WriteAllText(path, text + "\n");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new EngineException($"set sysctl {key.Replace('/', '.')}={text} ({path}): {e.Message}", e);
        }
    }

    private string PathOf(string key) => Path.Combine(procSysRoot, key);
}
