using System.Globalization;

namespace Portal.Engine.ProcessSetup;

/// <summary>
/// Resolves Docker's user string ("", "name", "uid", "name:group", "uid:gid", "name:gid") from the container's
/// own /etc/passwd and /etc/group, read as plain files after pivot_root. NSS is never used: it would load
/// libraries from the container into a privileged process (CVE-2019-14271). Follows runc's GetExecUser.
/// </summary>
public static class UserResolver
{
    private sealed record PasswdEntry(string Name, uint Uid, uint Gid, string Home);

    private sealed record GroupEntry(string Name, uint Gid, string[] Members);

    public static ExecUser Resolve(string user, string passwdPath, string groupPath)
    {
        var spec = user.Trim();
        var colon = spec.IndexOf(':', StringComparison.Ordinal);
        var userPart = colon >= 0 ? spec[..colon] : spec;
        var groupPart = colon >= 0 ? spec[(colon + 1)..] : "";

        var passwd = ReadPasswd(passwdPath);
        PasswdEntry? entry;
        uint uid;
        if (userPart.Length == 0)
        {
            entry = passwd.FirstOrDefault(p => p.Uid == 0);
            uid = 0;
        }
        else if (uint.TryParse(userPart, NumberStyles.None, CultureInfo.InvariantCulture, out uid))
        {
            entry = passwd.FirstOrDefault(p => p.Uid == uid);
        }
        else
        {
            entry = passwd.FirstOrDefault(p => p.Name == userPart)
                ?? throw new InvalidOperationException($"unable to find user {userPart}: no matching entries in passwd file");
            uid = entry.Uid;
        }

        var gid = entry?.Gid ?? 0;
        var groups = ReadGroups(groupPath);
        IReadOnlyList<uint> additional = [];
        if (groupPart.Length > 0)
        {
            gid = uint.TryParse(groupPart, NumberStyles.None, CultureInfo.InvariantCulture, out var numeric)
                ? numeric
                : (groups.FirstOrDefault(g => g.Name == groupPart)
                    ?? throw new InvalidOperationException($"unable to find group {groupPart}: no matching entries in group file")).Gid;
        }
        else if (entry is not null)
        {
            // Supplementary groups only apply in the implicit form, as in runc.
            additional = groups.Where(g => g.Members.Contains(entry.Name)).Select(g => g.Gid).Distinct().ToList();
        }

        // The primary group is also a supplementary one, so dropping to it cannot be undone by a negative-ACL
        // group the process still holds (CVE-2022-36109, fixed the same way in Docker 20.10.18).
        additional = [gid, .. additional.Where(g => g != gid)];
        return new ExecUser(uid, gid, additional, entry?.Home is { Length: > 0 } home ? home : "/");
    }

    private static List<PasswdEntry> ReadPasswd(string path) =>
        ReadColonFile(path, 7, f => uint.TryParse(f[2], NumberStyles.None, CultureInfo.InvariantCulture, out var uid)
            && uint.TryParse(f[3], NumberStyles.None, CultureInfo.InvariantCulture, out var gid)
                ? new PasswdEntry(f[0], uid, gid, f[5])
                : null);

    private static List<GroupEntry> ReadGroups(string path) =>
        ReadColonFile(path, 4, f => uint.TryParse(f[2], NumberStyles.None, CultureInfo.InvariantCulture, out var gid)
            ? new GroupEntry(f[0], gid, f[3].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            : null);

    private static List<T> ReadColonFile<T>(string path, int fields, Func<string[], T?> parse)
        where T : class
    {
        if (!File.Exists(path))
        {
            return [];
        }

        var result = new List<T>();
        foreach (var line in File.ReadLines(path))
        {
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            var parts = line.Split(':');
            if (parts.Length >= fields && parse(parts) is { } item)
            {
                result.Add(item);
            }
        }

        return result;
    }
}
