using System.Text.Json;
using Portal.Engine.Errors;
using Portal.Engine.Volumes;

namespace Portal.Server.Apis.Docker;

/// <summary>
/// The volume parts of a create body: Config.Volumes (`-v /path`: anonymous), HostConfig.Binds (`-v name:/path[:ro]`)
/// and HostConfig.Mounts (`--mount type=volume,…`). Host paths are refused everywhere: the vendor policy forbids
/// host binds, and a bind of the host's / would hand the container the host.
/// </summary>
internal static class VolumeMountMapper
{
    private static readonly string[] BindModes = ["ro", "rw", "nocopy"];

    public static List<VolumeMount> Map(JsonElement body, JsonElement host)
    {
        var mounts = new List<VolumeMount>();
        if (host.ValueKind == JsonValueKind.Object)
        {
            foreach (var bind in Array(host, "HostConfig.Binds", "Binds"))
            {
                mounts.Add(Bind(bind.ValueKind == JsonValueKind.String
                    ? bind.GetString()!
                    : throw new InvalidArgumentException($"HostConfig.Binds: want strings, got {bind.GetRawText()}")));
            }

            foreach (var mount in Array(host, "HostConfig.Mounts", "Mounts"))
            {
                mounts.Add(Mount(mount));
            }
        }

        if (body.TryGetProperty("Volumes", out var volumes) && volumes.ValueKind != JsonValueKind.Null)
        {
            if (volumes.ValueKind != JsonValueKind.Object)
            {
                throw new InvalidArgumentException($"Config.Volumes: want an object of paths, got {volumes.GetRawText()}");
            }

            foreach (var path in volumes.EnumerateObject().Select(p => p.Name))
            {
                if (!mounts.Any(m => m.Destination.TrimEnd('/') == path.TrimEnd('/')))
                {
                    mounts.Add(new VolumeMount(null, path));
                }
            }
        }

        return mounts;
    }

    /// <summary>"name:/dest[:mode,…]"; a source starting with / is a host path.</summary>
    private static VolumeMount Bind(string bind)
    {
        var parts = bind.Split(':');
        if (parts.Length is < 2 or > 3 || parts[0].Length == 0 || parts[1].Length == 0)
        {
            throw new InvalidArgumentException($"HostConfig.Binds: invalid volume specification: '{bind}' (want name:/container/path[:ro])");
        }

        if (parts[0].StartsWith('/') || parts[0].StartsWith('.') || parts[0].StartsWith('~'))
        {
            throw new InvalidArgumentException(
                $"HostConfig.Binds: host path binds are not allowed: '{bind}' (Portal mounts named volumes only; use a volume name instead of {parts[0]})");
        }

        var modes = parts.Length == 3 ? parts[2].Split(',') : [];
        if (modes.FirstOrDefault(m => !BindModes.Contains(m, StringComparer.Ordinal)) is { } unknown)
        {
            throw new InvalidArgumentException($"HostConfig.Binds: unsupported mode '{unknown}' in '{bind}' (supported: ro, rw, nocopy)");
        }

        var name = VolumeNames.Validate(parts[0], $"HostConfig.Binds '{bind}'");
        return new VolumeMount(name, parts[1], ReadOnly: modes.Contains("ro"), NoCopy: modes.Contains("nocopy"));
    }

    private static VolumeMount Mount(JsonElement mount)
    {
        if (mount.ValueKind != JsonValueKind.Object)
        {
            throw new InvalidArgumentException($"HostConfig.Mounts: want objects, got {mount.GetRawText()}");
        }

        var type = Text(mount, "Type") ?? "volume";
        var source = Text(mount, "Source");
        var target = Text(mount, "Target");
        if (type != "volume")
        {
            throw new InvalidArgumentException(type == "bind"
                ? $"HostConfig.Mounts: host path binds are not allowed: type=bind, source={source} (Portal mounts named volumes only)"
                : $"HostConfig.Mounts: mount type '{type}' is not supported (only type=volume)");
        }

        if (string.IsNullOrEmpty(target))
        {
            throw new InvalidArgumentException("HostConfig.Mounts: Target is required");
        }

        var noCopy = false;
        if (mount.TryGetProperty("VolumeOptions", out var options) && options.ValueKind == JsonValueKind.Object)
        {
            noCopy = options.TryGetProperty("NoCopy", out var nc) && nc.ValueKind == JsonValueKind.True;
            if (options.TryGetProperty("DriverConfig", out var driver) && driver.ValueKind == JsonValueKind.Object
                && Text(driver, "Name") is { Length: > 0 } driverName && driverName != VolumeStore.LocalDriver)
            {
                throw new InvalidArgumentException($"HostConfig.Mounts: volume driver '{driverName}' is not supported (only local)");
            }
        }

        if (mount.TryGetProperty("Propagation", out _) || (mount.TryGetProperty("BindOptions", out var bindOptions) && bindOptions.ValueKind != JsonValueKind.Null))
        {
            throw new InvalidArgumentException("HostConfig.Mounts: BindOptions and Propagation are not supported for volumes");
        }

        var readOnly = mount.TryGetProperty("ReadOnly", out var ro) && ro.ValueKind == JsonValueKind.True;
        var name = string.IsNullOrEmpty(source) ? null : VolumeNames.Validate(source, $"HostConfig.Mounts Source '{source}'");
        return new VolumeMount(name, target, readOnly, noCopy);
    }

    private static IEnumerable<JsonElement> Array(JsonElement obj, string field, string property)
    {
        if (!obj.TryGetProperty(property, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return [];
        }

        return value.ValueKind == JsonValueKind.Array
            ? value.EnumerateArray()
            : throw new InvalidArgumentException($"{field}: want an array, got {value.GetRawText()}");
    }

    private static string? Text(JsonElement obj, string field) =>
        obj.TryGetProperty(field, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
