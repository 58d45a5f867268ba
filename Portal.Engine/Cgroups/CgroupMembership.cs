namespace Portal.Engine.Cgroups;

/// <summary>
/// Reads /proc/&lt;pid&gt;/cgroup ("id:controllers:path" per hierarchy) to find where a process came from,
/// so the shim can start the container inside its cgroup and then step back out of it.
/// </summary>
public static class CgroupMembership
{
    /// <summary>
    /// The cgroup.procs files of the cgroups a process was in before it joined <paramref name="joinedProcsFiles"/>,
    /// given its /proc/self/cgroup text before and after joining and /proc/self/mountinfo (which tells which
    /// hierarchy each joined file belongs to). Hierarchies whose path did not change are skipped.
    /// </summary>
    public static IReadOnlyList<string> OriginalProcsFiles(string before, string after, string mountInfo, IReadOnlyList<string> joinedProcsFiles)
    {
        var was = Parse(before);
        var now = Parse(after);
        var mounts = MountInfo.Parse(mountInfo);
        var result = new List<string>();
        foreach (var joined in joinedProcsFiles)
        {
            var mount = mounts
                .Where(m => joined.StartsWith(m.MountPoint.TrimEnd('/') + "/", StringComparison.Ordinal))
                .MaxBy(m => m.MountPoint.Length);
            if (mount is null)
            {
                continue;
            }

            var key = mount.Version == CgroupVersion.V2 ? "" : string.Join(',', mount.Controllers.Order(StringComparer.Ordinal));
            if (!was.TryGetValue(key, out var original) || !now.TryGetValue(key, out var current) || original == current)
            {
                continue;
            }

            var file = mount.MountPoint.TrimEnd('/') + (original == "/" ? "" : original) + "/cgroup.procs";
            if (!result.Contains(file, StringComparer.Ordinal))
            {
                result.Add(file);
            }
        }

        return result;
    }

    private static Dictionary<string, string> Parse(string text)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var first = line.IndexOf(':', StringComparison.Ordinal);
            var second = first < 0 ? -1 : line.IndexOf(':', first + 1);
            if (second > 0)
            {
                var controllers = line[(first + 1)..second].Split(',').Order(StringComparer.Ordinal);
                map[string.Join(',', controllers)] = line[(second + 1)..];
            }
        }

        return map;
    }
}
