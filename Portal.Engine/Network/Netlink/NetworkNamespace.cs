using System.Diagnostics;
using Microsoft.Win32.SafeHandles;

namespace Portal.Engine.Network.Netlink;

/// <summary>
/// An open network namespace file (/proc/&lt;pid&gt;/ns/net, /run/netns/&lt;name&gt;). Holding it keeps the namespace
/// alive. Named namespaces are made by `ip netns add` in its own process: the engine process never unshares
/// or setns()es its own threads (DESIGN §2).
/// </summary>
public sealed class NetworkNamespace : IDisposable
{
    private NetworkNamespace(SafeFileHandle handle, string path)
    {
        Handle = handle;
        Path = path;
    }

    public SafeFileHandle Handle { get; }

    public string Path { get; }

    public static NetworkNamespace Open(string path) =>
        new(new SafeFileHandle(NetlinkSocket.OpenNamespaceFile(path), ownsHandle: true), path);

    public static string NamedPath(string name) => $"/run/netns/{ValidName(name)}";

    /// <summary>`ip netns add NAME`, then opens it.</summary>
    public static async Task<NetworkNamespace> AddNamedAsync(string name, CancellationToken cancellationToken)
    {
        await RunIpAsync(["netns", "add", ValidName(name)], cancellationToken);
        return Open(NamedPath(name));
    }

    /// <summary>`ip netns delete NAME`; a namespace that does not exist is not an error.</summary>
    public static async Task DeleteNamedAsync(string name, CancellationToken cancellationToken)
    {
        if (File.Exists(NamedPath(name)))
        {
            await RunIpAsync(["netns", "delete", name], cancellationToken);
        }
    }

    public void Dispose() => Handle.Dispose();

    public override string ToString() => Path;

    private static string ValidName(string name) =>
        name.Length is > 0 and <= 64 && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.') && name is not "." and not ".."
            ? name
            : throw new ArgumentException($"network namespace name '{name}' must be 1-64 of [A-Za-z0-9._-]", nameof(name));

    private static async Task RunIpAsync(string[] args, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("ip") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start ip");
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        _ = await stdout;
        var error = (await stderr).Trim();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"ip {string.Join(' ', args)} failed with exit code {process.ExitCode}: {error}");
        }
    }
}
