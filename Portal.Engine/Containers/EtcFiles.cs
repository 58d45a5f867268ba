using System.Net;
using System.Text;
using Portal.Engine.Spec;

namespace Portal.Engine.Containers;

/// <summary>
/// The /etc/hostname, /etc/hosts and /etc/resolv.conf Docker gives every container, generated into the
/// container's directory and bind-mounted over the image's files.
/// </summary>
public static class EtcFiles
{
    /// <summary>Docker's fallback when the host has no nameserver a container can reach.</summary>
    public static readonly IReadOnlyList<string> FallbackNameservers = ["8.8.8.8", "8.8.4.4"];

    public static string Hostname(string hostname) => hostname + "\n";

    /// <summary>Docker's default entries; the container's own name only when it has an address (network none has none).</summary>
    public static string Hosts(string hostname, string? address) => Hosts(hostname, address, []);

    /// <summary>Docker's default entries, the container's own line, then one line per other container on its network.</summary>
    public static string Hosts(string hostname, string? address, IReadOnlyList<HostsEntry> peers)
    {
        var text = new StringBuilder()
            .Append("127.0.0.1\tlocalhost\n")
            .Append("::1\tlocalhost ip6-localhost ip6-loopback\n")
            .Append("fe00::0\tip6-localnet\n")
            .Append("ff00::0\tip6-mcastprefix\n")
            .Append("ff02::1\tip6-allnodes\n")
            .Append("ff02::2\tip6-allrouters\n");
        if (!string.IsNullOrEmpty(address))
        {
            text.Append(address).Append('\t').Append(hostname).Append('\n');
        }

        foreach (var peer in peers)
        {
            text.Append(peer.Address).Append('\t').Append(string.Join(' ', peer.Names)).Append('\n');
        }

        return text.ToString();
    }

    /// <summary>
    /// The host's resolver configuration without loopback nameservers (a host's 127.0.0.53 stub is not reachable
    /// from the container's network namespace), keeping search, domain and options lines, as Docker does.
    /// </summary>
    public static string ResolvConf(string hostResolvConf)
    {
        var kept = new List<string>();
        var nameservers = 0;
        foreach (var raw in hostResolvConf.Split('\n'))
        {
            var line = raw.Trim();
            var fields = line.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length == 0)
            {
                continue;
            }

            switch (fields[0])
            {
                case "nameserver" when fields.Length > 1 && IsReachable(fields[1]):
                    kept.Add("nameserver " + fields[1]);
                    nameservers++;
                    break;
                case "search" or "domain" or "options":
                    kept.Add(string.Join(' ', fields));
                    break;
            }
        }

        if (nameservers == 0)
        {
            kept.InsertRange(0, FallbackNameservers.Select(n => "nameserver " + n));
        }

        return string.Join('\n', kept) + "\n";
    }

    /// <summary>Writes the three files into <paramref name="directory"/> and returns their binds.</summary>
    public static IReadOnlyList<FileBindSpec> Write(string directory, string hostname, string? address, string hostResolvConfPath) =>
        Write(directory, hostname, address, hostResolvConfPath, []);

    /// <summary>Writes the three files, the hosts file naming <paramref name="peers"/>, and returns their binds.</summary>
    public static IReadOnlyList<FileBindSpec> Write(string directory, string hostname, string? address, string hostResolvConfPath,
        IReadOnlyList<HostsEntry> peers)
    {
        var host = File.Exists(hostResolvConfPath) ? File.ReadAllText(hostResolvConfPath) : "";
        (string Name, string Content)[] files =
        [
            ("hostname", Hostname(hostname)),
            ("hosts", Hosts(hostname, address, peers)),
            ("resolv.conf", ResolvConf(host)),
        ];
        var binds = new List<FileBindSpec>();
        foreach (var (name, content) in files)
        {
            var path = Path.Combine(directory, name);
            WriteInPlace(path, content);
            binds.Add(new FileBindSpec(path, "/etc/" + name));
        }

        return binds;
    }

    /// <summary>Replaces the hosts file of a running container, keeping its inode (the bind mount points at it).</summary>
    public static void RewriteHosts(string directory, string hostname, string address, IReadOnlyList<HostsEntry> peers) =>
        WriteInPlace(Path.Combine(directory, "hosts"), Hosts(hostname, address, peers));

    /// <summary>Truncates and writes the same inode: never a rename, which would detach a bind-mounted file from its container.</summary>
    private static void WriteInPlace(string path, string content)
    {
        using var stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.Write, FileShare.ReadWrite);
        stream.SetLength(0);
        var bytes = Encoding.UTF8.GetBytes(content);
        stream.Write(bytes);
        stream.Flush(flushToDisk: false);
    }

    private static bool IsReachable(string nameserver)
    {
        var address = nameserver.Split('%')[0];
        return IPAddress.TryParse(address, out var ip) && !IPAddress.IsLoopback(ip);
    }
}
