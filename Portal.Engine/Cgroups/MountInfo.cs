using System.Globalization;
using System.Text;

namespace Portal.Engine.Cgroups;

/// <summary>Finds cgroup mounts in /proc/self/mountinfo (proc(5)).</summary>
internal static class MountInfo
{
    public const string DefaultPath = "/proc/self/mountinfo";

    /// <summary>
    /// Every cgroup and cgroup2 mount. A v1 hierarchy's controllers are its super options minus the
    /// generic ones ("rw", "name=systemd"), so separately mounted ("cpu") and combined ("cpu,cpuacct")
    /// hierarchies both resolve.
    /// </summary>
    public static IReadOnlyList<CgroupMount> Parse(string text)
    {
        var mounts = new List<CgroupMount>();
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            // id parent major:minor root mountpoint options [optional...] - fstype source superoptions
            var fields = line.Split(' ');
            var separator = Array.IndexOf(fields, "-");
            if (separator < 6 || fields.Length < separator + 4)
            {
                continue;
            }

            var mountPoint = Unescape(fields[4]);
            switch (fields[separator + 1])
            {
                case "cgroup2":
                    mounts.Add(new CgroupMount(mountPoint, CgroupVersion.V2, []));
                    break;
                case "cgroup":
                    var controllers = fields[separator + 3].Split(',')
                        .Where(o => o is not ("rw" or "ro") && !o.Contains('=', StringComparison.Ordinal)
                            && o is not ("noprefix" or "clone_children" or "xattr" or "cpuset_v2_mode"))
                        .ToArray();
                    mounts.Add(new CgroupMount(mountPoint, CgroupVersion.V1, controllers));
                    break;
            }
        }

        return mounts;
    }

    public static IReadOnlyList<CgroupMount> Read(string path = DefaultPath) => Parse(File.ReadAllText(path));

    /// <summary>Controller name → mount point of the first v1 hierarchy that carries it.</summary>
    public static IReadOnlyDictionary<string, string> V1Controllers(IEnumerable<CgroupMount> mounts)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var mount in mounts.Where(m => m.Version == CgroupVersion.V1))
        {
            foreach (var controller in mount.Controllers)
            {
                map.TryAdd(controller, mount.MountPoint);
            }
        }

        return map;
    }

    // The kernel writes space, tab, newline and backslash in paths as \ooo octal escapes.
    private static string Unescape(string field)
    {
        if (!field.Contains('\\', StringComparison.Ordinal))
        {
            return field;
        }

        var bytes = new List<byte>();
        for (var i = 0; i < field.Length; i++)
        {
            if (field[i] == '\\' && i + 3 < field.Length
                && int.TryParse(field.AsSpan(i + 1, 3), NumberStyles.None, CultureInfo.InvariantCulture, out _))
            {
                bytes.Add(Convert.ToByte(field.Substring(i + 1, 3), 8));
                i += 3;
            }
            else
            {
                bytes.AddRange(Encoding.UTF8.GetBytes(field[i].ToString()));
            }
        }

        return Encoding.UTF8.GetString(bytes.ToArray());
    }
}
