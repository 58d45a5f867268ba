using System.Text.Json;

namespace Portal.E2E.TestSupport;

/// <summary>
/// Each store gives the shared default bridge (portal0) its own gateway address and creates its own user-network
/// bridges. A real host runs one Portal; a test run starts many, so once a server is gone its addresses and
/// bridges are taken away again, or repeated runs on one machine would use up the address pools.
/// (The same logic as tests/Portal.Server.Tests/TestSupport/HostNetworkCleanup.cs; e2e references no test project.)
/// </summary>
internal static class HostNetworkCleanup
{
    private static readonly Dictionary<string, string?> NoEnvironment = [];

    public static async Task ReleaseAsync(string directory, CancellationToken cancellationToken)
    {
        if (!Directory.Exists(directory))
        {
            return;
        }

        foreach (var file in Directory.EnumerateFiles(directory, "*.json", SearchOption.AllDirectories)
                     .Where(f => Path.GetFileName(Path.GetDirectoryName(f)) == "networks"))
        {
            using var doc = JsonDocument.Parse(await File.ReadAllTextAsync(file, cancellationToken));
            var bridge = Property(doc.RootElement, "bridge");
            var gateway = Property(doc.RootElement, "gateway");
            var subnet = Property(doc.RootElement, "subnet");
            if (bridge is null)
            {
                continue;
            }

            if (bridge == "portal0" && gateway is not null && subnet is not null)
            {
                await CommandLine.RunAsync("ip", ["addr", "del", $"{gateway}/{subnet.Split('/')[1]}", "dev", bridge], NoEnvironment, cancellationToken);
            }
            else if (bridge != "portal0")
            {
                await CommandLine.RunAsync("ip", ["link", "del", bridge], NoEnvironment, cancellationToken);
            }
        }
    }

    private static string? Property(JsonElement element, string name) =>
        element.EnumerateObject().FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase)) is { Value.ValueKind: JsonValueKind.String } p
            ? p.Value.GetString()
            : null;
}
