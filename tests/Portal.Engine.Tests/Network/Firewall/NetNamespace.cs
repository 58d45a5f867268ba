using System.Diagnostics;

namespace Portal.Engine.Tests.Network.Firewall;

/// <summary>
/// A throwaway network namespace (<c>ip netns add pt-fw-XXXXXXXX</c>). Deleting it removes its links,
/// routes and nft tables with it, so a failed test leaves nothing on the host.
/// </summary>
internal sealed class NetNamespace : IDisposable
{
    private NetNamespace(string name)
    {
        Name = name;
    }

    public string Name { get; }

    /// <summary>The command prefix that runs a program inside this namespace.</summary>
    public IReadOnlyList<string> Prefix => ["ip", "netns", "exec", Name];

    public static NetNamespace Create()
    {
        var ns = new NetNamespace("pt-fw-" + Guid.NewGuid().ToString("N")[..8]);
        Run("ip", "netns", "add", ns.Name);
        try
        {
            Run("ip", "-n", ns.Name, "link", "set", "lo", "up");
            return ns;
        }
        catch
        {
            ns.Dispose();
            throw;
        }
    }

    /// <summary>Runs a program inside the namespace and returns its stdout; throws with stderr when it fails.</summary>
    public string Exec(params string[] args) => Run([.. Prefix, .. args]);

    public CommandResult TryExec(string? input, params string[] args) => TryRun(input, [.. Prefix, .. args]);

    /// <summary>Starts a long-running program inside the namespace (`ip netns exec` execs it, so this is its pid).</summary>
    public Process Start(params string[] args)
    {
        var start = StartInfo([.. Prefix, .. args]);
        return Process.Start(start)!;
    }

    public void Dispose() => TryRun("", "ip", "netns", "del", Name);

    public static string Run(params string[] args)
    {
        var result = TryRun("", args);
        return result.ExitCode == 0
            ? result.Output
            : throw new InvalidOperationException($"{string.Join(' ', args)}: exit {result.ExitCode}: {result.Error}");
    }

    /// <summary>
    /// Runs a program to its end. With <paramref name="input"/> null its stdin stays open until it exits
    /// (busybox nc quits on stdin EOF, possibly before the server's answer arrives).
    /// </summary>
    public static CommandResult TryRun(string? input, params string[] args)
    {
        using var process = Process.Start(StartInfo(args))!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (input is not null)
        {
            process.StandardInput.Write(input);
            process.StandardInput.Close();
        }

        process.WaitForExit();
        return new CommandResult(process.ExitCode, output.GetAwaiter().GetResult(), error.GetAwaiter().GetResult());
    }

    private static ProcessStartInfo StartInfo(string[] args)
    {
        var start = new ProcessStartInfo(args[0])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var arg in args.Skip(1))
        {
            start.ArgumentList.Add(arg);
        }

        return start;
    }
}
