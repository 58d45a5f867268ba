using Portal.Engine.Interop;
using Portal.Engine.Spec;

namespace Portal.Engine.ProcessSetup;

/// <summary>Resource limits by their RLIMIT_* name without prefix.</summary>
public static class Rlimits
{
    private static readonly string[] Names =
    [
        "CPU", "FSIZE", "DATA", "STACK", "CORE", "RSS", "NPROC", "NOFILE", "MEMLOCK", "AS", "LOCKS", "SIGPENDING",
        "MSGQUEUE", "NICE", "RTPRIO", "RTTIME",
    ];

    public static int Number(string name)
    {
        var key = name.Trim().ToUpperInvariant();
        key = key.StartsWith("RLIMIT_", StringComparison.Ordinal) ? key[7..] : key;
        var index = Array.IndexOf(Names, key);
        return index >= 0 ? index : throw new ArgumentException($"unknown rlimit: {name}", nameof(name));
    }

    /// <summary>
    /// Applies each limit; when raising fails for lack of CAP_SYS_RESOURCE (EPERM) the request is clamped to the
    /// current hard limit instead of failing the start (Docker asks for NOFILE 1048576 by default, which a host
    /// without that capability cannot grant). Returns what was actually set.
    /// </summary>
    public static IReadOnlyList<RlimitSpec> Apply(ISyscalls sys, IEnumerable<RlimitSpec> limits)
    {
        var applied = new List<RlimitSpec>();
        foreach (var limit in limits)
        {
            var resource = Number(limit.Type);
            var soft = Math.Min(limit.Soft, limit.Hard);
            try
            {
                sys.SetRlimit(resource, soft, limit.Hard);
                applied.Add(limit with { Soft = soft });
            }
            catch (LinuxException e) when (e.Errno == ErrnoNames.EPERM)
            {
                var current = sys.GetRlimit(resource);
                var hard = Math.Min(limit.Hard, current.Hard);
                soft = Math.Min(soft, hard);
                sys.SetRlimit(resource, soft, hard);
                applied.Add(limit with { Soft = soft, Hard = hard });
            }
        }

        return applied;
    }
}
