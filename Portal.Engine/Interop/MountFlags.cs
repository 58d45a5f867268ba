namespace Portal.Engine.Interop;

/// <summary>mount(2) flags (include/uapi/linux/mount.h), as plain constants usable in switch and tests.</summary>
public static class MountFlags
{
    public const ulong MS_RDONLY = 1, MS_NOSUID = 2, MS_NODEV = 4, MS_NOEXEC = 8, MS_SYNCHRONOUS = 16,
        MS_REMOUNT = 32, MS_MANDLOCK = 64, MS_DIRSYNC = 128, MS_NOATIME = 1024, MS_NODIRATIME = 2048,
        MS_BIND = 4096, MS_MOVE = 8192, MS_REC = 16384, MS_UNBINDABLE = 1 << 17, MS_PRIVATE = 1 << 18,
        MS_SLAVE = 1 << 19, MS_SHARED = 1 << 20, MS_RELATIME = 1 << 21, MS_STRICTATIME = 1 << 24;

    public const ulong PropagationMask = MS_UNBINDABLE | MS_PRIVATE | MS_SLAVE | MS_SHARED;

    public const int MNT_DETACH = 2;

    private static readonly (ulong Flag, string Name)[] Names =
    [
        (MS_RDONLY, "RDONLY"), (MS_NOSUID, "NOSUID"), (MS_NODEV, "NODEV"), (MS_NOEXEC, "NOEXEC"),
        (MS_SYNCHRONOUS, "SYNCHRONOUS"), (MS_REMOUNT, "REMOUNT"), (MS_MANDLOCK, "MANDLOCK"),
        (MS_DIRSYNC, "DIRSYNC"), (MS_NOATIME, "NOATIME"), (MS_NODIRATIME, "NODIRATIME"), (MS_BIND, "BIND"),
        (MS_MOVE, "MOVE"), (MS_REC, "REC"), (MS_UNBINDABLE, "UNBINDABLE"), (MS_PRIVATE, "PRIVATE"),
        (MS_SLAVE, "SLAVE"), (MS_SHARED, "SHARED"), (MS_RELATIME, "RELATIME"), (MS_STRICTATIME, "STRICTATIME"),
    ];

    /// <summary>"BIND|REC" for diagnostics and test failure messages.</summary>
    public static string Format(ulong flags)
    {
        var parts = Names.Where(n => (flags & n.Flag) != 0).Select(n => n.Name).ToList();
        return parts.Count == 0 ? "0" : string.Join('|', parts);
    }
}
