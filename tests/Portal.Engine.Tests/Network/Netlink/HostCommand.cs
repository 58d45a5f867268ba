using System.Diagnostics;
using System.Text.Json;

namespace Portal.Engine.Tests.Network.Netlink;

/// <summary>Runs iproute2 and friends to check what the netlink client did, independently of it.</summary>
internal static class HostCommand
{
    public static async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(string executable, params string[] args)
    {
        var start = new ProcessStartInfo(executable) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        var cancellationToken = TestContext.Current.CancellationToken;
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        return (process.ExitCode, await stdout, await stderr);
    }

    /// <summary>`ip -j ARGS` parsed; an ip failure fails the test with its stderr.</summary>
    public static async Task<JsonElement> IpJsonAsync(params string[] args)
    {
        var (code, stdout, stderr) = await RunAsync("ip", ["-j", .. args]);
        Assert.True(code == 0, $"ip -j {string.Join(' ', args)}: {stderr}");
        using var document = JsonDocument.Parse(stdout.Length == 0 ? "[]" : stdout);
        return document.RootElement.Clone();
    }

    public static async Task<bool> LinkExistsAsync(string? netns, string name)
    {
        string[] args = netns is null ? ["link", "show", "dev", name] : ["-n", netns, "link", "show", "dev", name];
        return (await RunAsync("ip", args)).ExitCode == 0;
    }
}
