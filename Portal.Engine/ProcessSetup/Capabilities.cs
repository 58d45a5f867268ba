using Portal.Engine.Interop;

namespace Portal.Engine.ProcessSetup;

/// <summary>Capability names (without CAP_) and their bit numbers (include/uapi/linux/capability.h).</summary>
public static class Capabilities
{
    private static readonly string[] Names =
    [
        "CHOWN", "DAC_OVERRIDE", "DAC_READ_SEARCH", "FOWNER", "FSETID", "KILL", "SETGID", "SETUID", "SETPCAP",
        "LINUX_IMMUTABLE", "NET_BIND_SERVICE", "NET_BROADCAST", "NET_ADMIN", "NET_RAW", "IPC_LOCK", "IPC_OWNER",
        "SYS_MODULE", "SYS_RAWIO", "SYS_CHROOT", "SYS_PTRACE", "SYS_PACCT", "SYS_ADMIN", "SYS_BOOT", "SYS_NICE",
        "SYS_RESOURCE", "SYS_TIME", "SYS_TTY_CONFIG", "MKNOD", "LEASE", "AUDIT_WRITE", "AUDIT_CONTROL", "SETFCAP",
        "MAC_OVERRIDE", "MAC_ADMIN", "SYSLOG", "WAKE_ALARM", "BLOCK_SUSPEND", "AUDIT_READ", "PERFMON", "BPF",
        "CHECKPOINT_RESTORE",
    ];

    public const int Last = 40;

    /// <summary>Docker's word for every capability in --cap-add / --cap-drop.</summary>
    public const string All = "ALL";

    /// <summary>The bit number of "NET_RAW" or "CAP_NET_RAW" (any case).</summary>
    public static int Number(string name)
    {
        var index = Array.IndexOf(Names, Normalize(name));
        return index >= 0 ? index : throw new ArgumentException($"unknown capability: {name}", nameof(name));
    }

    /// <summary>"cap_net_raw" → "NET_RAW", "all" → "ALL"; no check that the name exists.</summary>
    public static string Normalize(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var key = name.Trim().ToUpperInvariant();
        return key.StartsWith("CAP_", StringComparison.Ordinal) ? key[4..] : key;
    }

    /// <summary>A capability name (with or without CAP_, any case) or ALL.</summary>
    public static bool IsKnown(string name) => Normalize(name) is var key && (key == All || Array.IndexOf(Names, key) >= 0);

    /// <summary>
    /// The set a container gets, as Docker computes it (moby oci/caps TweakCapabilities): ALL in
    /// <paramref name="add"/> = every capability but those dropped; ALL in <paramref name="drop"/> = only those added;
    /// otherwise the defaults minus the dropped plus the added. Names come back without CAP_, in bit order.
    /// </summary>
    public static IReadOnlyList<string> Effective(IEnumerable<string> defaults, IEnumerable<string> add, IEnumerable<string> drop)
    {
        var adds = add.Select(Normalize).ToHashSet(StringComparer.Ordinal);
        var drops = drop.Select(Normalize).ToHashSet(StringComparer.Ordinal);
        IEnumerable<string> set = adds.Contains(All) ? Names.Where(n => !drops.Contains(n))
            : drops.Contains(All) ? adds
            : defaults.Select(Normalize).Where(n => !drops.Contains(n)).Concat(adds);
        return [.. set.Distinct(StringComparer.Ordinal).OrderBy(Number)];
    }

    /// <summary>Bits 0..<paramref name="lastCap"/> (the kernel's /proc/sys/kernel/cap_last_cap).</summary>
    public static ulong UpTo(int lastCap) => lastCap >= 63 ? ulong.MaxValue : (1UL << (lastCap + 1)) - 1;

    public static ulong Mask(IEnumerable<string> names) => names.Aggregate(0UL, (mask, n) => mask | (1UL << Number(n)));

    /// <summary>Drops every capability not in <paramref name="keep"/> from the bounding set (needs CAP_SETPCAP,
    /// so before the user switch).</summary>
    public static void DropBounding(ISyscalls sys, ulong keep)
    {
        for (var cap = 0; cap <= 63; cap++)
        {
            if ((keep & (1UL << cap)) == 0 && !sys.DropBoundingCapability(cap))
            {
                break;
            }
        }
    }

    /// <summary>
    /// Sets the final sets after the user switch. A root process keeps <paramref name="keep"/> as permitted and
    /// effective; any other user gets none (Docker clears them for non-root users). Inheritable stays empty, as
    /// in Docker since CVE-2022-24769, so file capabilities cannot regain what the bounding set still allows;
    /// ambient is cleared.
    /// </summary>
    public static void Apply(ISyscalls sys, ulong keep, bool isRoot)
    {
        var set = isRoot ? keep : 0;
        sys.Capset(set, set, 0);
        sys.Prctl(Native.PR_CAP_AMBIENT, Native.PR_CAP_AMBIENT_CLEAR_ALL);
    }
}
