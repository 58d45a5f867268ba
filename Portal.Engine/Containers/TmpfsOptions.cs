using System.Text.RegularExpressions;
using Portal.Engine.Errors;

namespace Portal.Engine.Containers;

/// <summary>The options of a tmpfs mount (Docker's HostConfig.Tmpfs values, Compose's "target:options").</summary>
public static partial class TmpfsOptions
{
    /// <summary>Docker puts these first (moby daemon/oci_linux.go); the caller's words override them (exec, suid, dev).</summary>
    public static readonly IReadOnlyList<string> Defaults = ["noexec", "nosuid", "nodev"];

    private static readonly HashSet<string> FlagWords = new(StringComparer.Ordinal)
    {
        "rw", "ro", "noexec", "exec", "nosuid", "suid", "nodev", "dev",
        "atime", "noatime", "relatime", "norelatime", "strictatime", "nostrictatime", "diratime", "nodiratime",
    };

    [GeneratedRegex("^[0-9]+[kKmMgG%]?$")]
    private static partial Regex SizePattern();

    [GeneratedRegex("^[0-9]+[kKmMgG]?$")]
    private static partial Regex CountPattern();

    [GeneratedRegex("^[0-7]{1,4}$")]
    private static partial Regex ModePattern();

    [GeneratedRegex("^[0-9]+$")]
    private static partial Regex IdPattern();

    /// <summary>The words of "rw,noexec,size=64m"; a bad one is an error naming <paramref name="where"/> and the word.</summary>
    public static IReadOnlyList<string> Parse(string options, string where)
    {
        ArgumentNullException.ThrowIfNull(options);
        var words = new List<string>();
        foreach (var word in options.Split(',', StringSplitOptions.TrimEntries))
        {
            if (word.Length == 0)
            {
                continue;
            }

            var eq = word.IndexOf('=', StringComparison.Ordinal);
            var error = eq < 0
                ? FlagWords.Contains(word) ? null : "unknown option (want rw, ro, exec, noexec, suid, nosuid, dev, nodev, size=, mode=, uid=, gid= or nr_inodes=)"
                : Check(word[..eq], word[(eq + 1)..]);
            if (error is not null)
            {
                throw new InvalidArgumentException($"{where}: invalid tmpfs option \"{word}\": {error}");
            }

            words.Add(word);
        }

        return words;
    }

    /// <summary>What stage2 mounts with: <see cref="Defaults"/> then the caller's options (already validated).</summary>
    public static IReadOnlyList<string> ForMount(string options) => [.. Defaults, .. Parse(options, "tmpfs")];

    private static string? Check(string key, string value) => key switch
    {
        "size" => SizePattern().IsMatch(value) ? null : "size wants bytes with an optional k, m or g suffix (or a % of memory)",
        "nr_inodes" => CountPattern().IsMatch(value) ? null : "nr_inodes wants a number with an optional k, m or g suffix",
        "mode" => ModePattern().IsMatch(value) ? null : "mode wants octal permissions like 1777",
        "uid" or "gid" => IdPattern().IsMatch(value) ? null : $"{key} wants a numeric id",
        _ => "unknown option (want size=, mode=, uid=, gid= or nr_inodes=)",
    };
}
