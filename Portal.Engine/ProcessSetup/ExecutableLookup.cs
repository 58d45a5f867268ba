namespace Portal.Engine.ProcessSetup;

/// <summary>
/// Finds argv[0] the way Go's exec.LookPath does for runc, inside the container (after pivot_root), and
/// produces Docker's messages and exit codes when it cannot: 127 not found, 126 not executable.
/// </summary>
public static class ExecutableLookup
{
    public const string DefaultPath = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    public static string Find(string name, IEnumerable<string> env)
    {
        if (name.Length == 0)
        {
            throw new ExecLookupException("exec: no command specified", 127);
        }

        if (name.Contains('/', StringComparison.Ordinal))
        {
            return Check(name, name) ?? throw new ExecLookupException($"exec: \"{name}\": stat {name}: no such file or directory", 127);
        }

        var pathVar = env.LastOrDefault(e => e.StartsWith("PATH=", StringComparison.Ordinal))?[5..] ?? DefaultPath;
        foreach (var dir in pathVar.Split(':'))
        {
            var candidate = Path.Combine(dir.Length == 0 ? "." : dir, name);
            if (Check(name, candidate, throwWhenNotExecutable: false) is { } found)
            {
                return found;
            }
        }

        throw new ExecLookupException($"exec: \"{name}\": executable file not found in $PATH", 127);
    }

    private static string? Check(string name, string candidate, bool throwWhenNotExecutable = true)
    {
        if (Directory.Exists(candidate))
        {
            return throwWhenNotExecutable ? throw new ExecLookupException($"exec: \"{name}\": is a directory", 126) : null;
        }

        if (!File.Exists(candidate))
        {
            return null;
        }

        var mode = OperatingSystem.IsWindows() ? UnixFileMode.None : File.GetUnixFileMode(candidate);
        var executable = (mode & (UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute)) != 0;
        return executable ? candidate
            : throwWhenNotExecutable ? throw new ExecLookupException($"exec: \"{name}\": permission denied", 126) : null;
    }
}
