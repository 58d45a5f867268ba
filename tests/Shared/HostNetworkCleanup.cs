using System.Text.Json;

namespace Portal.Tests.Shared;

/// <summary>
/// Every test server has its own store, and each store gives the shared default bridge (portal0) its own
/// gateway address and creates its own user-network bridges. A real host runs one Portal; a test run starts
/// many, so once a test's servers are gone it takes their addresses and bridges away again, or repeated runs
/// on one machine would use up the address pools.
/// </summary>
internal static class HostNetworkCleanup
{
    private static readonly Dictionary<string, string?> NoEnvironment = [];

    public static async Task ReleaseAsync(string directory)
    {
        if (!Directory.Exists(directory))
        {
            return;
        }

        foreach (var file in Directory.EnumerateFiles(directory, "*.json", SearchOption.AllDirectories)
                     .Where(f => Path.GetFileName(Path.GetDirectoryName(f)) == "networks"))
        {
            using var doc = JsonDocument.Parse(await File.ReadAllTextAsync(file, TestContext.Current.CancellationToken));
            var bridge = Property(doc.RootElement, "bridge");
            var gateway = Property(doc.RootElement, "gateway");
            var subnet = Property(doc.RootElement, "subnet");
            if (bridge is null)
            {
                continue;
            }

            if (bridge == "portal0" && gateway is not null && subnet is not null)
            {
                await CommandLine.RunAsync("ip", ["addr", "del", $"{gateway}/{subnet.Split('/')[1]}", "dev", bridge], NoEnvironment);
            }
            else if (bridge != "portal0")
            {
                await CommandLine.RunAsync("ip", ["link", "del", bridge], NoEnvironment);
            }
        }
    }

    private static string? Property(JsonElement element, string name) =>
        element.EnumerateObject().FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase)) is { Value.ValueKind: JsonValueKind.String } p
            ? p.Value.GetString()
            : null;
}
