using System.Text.Json.Nodes;
using Portal.Engine.Cgroups;

namespace Portal.Bench;

/// <summary>
/// An OCI bundle for runc and crun: a copy of the busybox layer the engine extracted, and `runc spec`'s default
/// config with process.args, process.terminal and linux.cgroupsPath changed.
/// </summary>
internal static class OciBundle
{
    /// <param name="cgroupName">Top-level cgroup the runtimes use, as Portal uses its own parent; without it runc
    /// and crun would nest their cgroups under the calling process's cgroup.</param>
    public static async Task<string> CreateAsync(string runc, string layerDirectory, string bundleDirectory, IReadOnlyList<string> command,
        string cgroupName, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(bundleDirectory);
        // A copy, so a runtime creating mount points never writes into the engine's shared layer.
        await ProcessRunner.CheckedAsync("cp", ["-a", layerDirectory, Path.Combine(bundleDirectory, "rootfs")], cancellationToken).ConfigureAwait(false);
        await ProcessRunner.CheckedAsync(runc, ["spec"], cancellationToken, bundleDirectory).ConfigureAwait(false);

        var path = Path.Combine(bundleDirectory, "config.json");
        var config = JsonNode.Parse(await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false))
            ?? throw new InvalidOperationException($"{path}: empty runtime spec");
        var process = config["process"] ?? throw new InvalidOperationException($"{path}: no process section");
        process["args"] = new JsonArray([.. command.Select(a => JsonValue.Create(a))]);
        process["terminal"] = false;
        var linux = config["linux"] ?? throw new InvalidOperationException($"{path}: no linux section");
        linux["cgroupsPath"] = "/" + cgroupName;
        await File.WriteAllTextAsync(path, config.ToJsonString(), cancellationToken).ConfigureAwait(false);
        return bundleDirectory;
    }

    /// <summary>The namespace types the bundle's config asks for, in its order.</summary>
    public static IReadOnlyList<string> Namespaces(string bundleDirectory)
    {
        var config = JsonNode.Parse(File.ReadAllText(Path.Combine(bundleDirectory, "config.json")));
        return config?["linux"]?["namespaces"]?.AsArray().Select(n => n?["type"]?.GetValue<string>() ?? "?").ToList() ?? [];
    }

    /// <summary>Removes the runtimes' cgroup from every v1 hierarchy (and cgroup2) if a failed run left it behind;
    /// a cgroup directory only goes when it is empty.</summary>
    public static void RemoveCgroups(string cgroupName, string? extraHierarchy)
    {
        var hierarchies = Directory.EnumerateDirectories(CgroupManagerFactory.DefaultRoot).Append(CgroupManagerFactory.DefaultRoot);
        foreach (var hierarchy in extraHierarchy is null ? hierarchies : hierarchies.Append(extraHierarchy))
        {
            var dir = Path.Combine(hierarchy, cgroupName);
            try
            {
                if (Directory.Exists(dir))
                {
                    Directory.Delete(dir);
                }
            }
            catch (IOException e)
            {
                Console.Error.WriteLine($"bench: could not remove {dir}: {e.Message}");
            }
        }
    }
}
