using static Portal.Engine.Interop.MountFlags;

namespace Portal.Engine.Rootfs;

/// <summary>
/// containerd-style mount options split into what mount(2) takes: flag words become MS_* bits (or clear them),
/// propagation words are applied by a second mount call as the kernel requires, and every other option is
/// filesystem data joined with "," (overlay's lowerdir=/upperdir=/workdir=).
/// </summary>
public sealed record MountOptions(ulong Flags, ulong Propagation, string? Data)
{
    private static readonly Dictionary<string, (bool Clear, ulong Flag)> FlagWords = new(StringComparer.Ordinal)
    {
        ["async"] = (true, MS_SYNCHRONOUS),
        ["atime"] = (true, MS_NOATIME),
        ["bind"] = (false, MS_BIND),
        ["defaults"] = (false, 0),
        ["dev"] = (true, MS_NODEV),
        ["diratime"] = (true, MS_NODIRATIME),
        ["dirsync"] = (false, MS_DIRSYNC),
        ["exec"] = (true, MS_NOEXEC),
        ["mand"] = (false, MS_MANDLOCK),
        ["noatime"] = (false, MS_NOATIME),
        ["nodev"] = (false, MS_NODEV),
        ["nodiratime"] = (false, MS_NODIRATIME),
        ["noexec"] = (false, MS_NOEXEC),
        ["nomand"] = (true, MS_MANDLOCK),
        ["norelatime"] = (true, MS_RELATIME),
        ["nostrictatime"] = (true, MS_STRICTATIME),
        ["nosuid"] = (false, MS_NOSUID),
        ["rbind"] = (false, MS_BIND | MS_REC),
        ["relatime"] = (false, MS_RELATIME),
        ["remount"] = (false, MS_REMOUNT),
        ["ro"] = (false, MS_RDONLY),
        ["rw"] = (true, MS_RDONLY),
        ["strictatime"] = (false, MS_STRICTATIME),
        ["suid"] = (true, MS_NOSUID),
        ["sync"] = (false, MS_SYNCHRONOUS),
    };

    private static readonly Dictionary<string, ulong> PropagationWords = new(StringComparer.Ordinal)
    {
        ["private"] = MS_PRIVATE,
        ["rprivate"] = MS_PRIVATE | MS_REC,
        ["shared"] = MS_SHARED,
        ["rshared"] = MS_SHARED | MS_REC,
        ["slave"] = MS_SLAVE,
        ["rslave"] = MS_SLAVE | MS_REC,
        ["unbindable"] = MS_UNBINDABLE,
        ["runbindable"] = MS_UNBINDABLE | MS_REC,
    };

    public bool IsBind => (Flags & MS_BIND) != 0;

    public static MountOptions Parse(IEnumerable<string> options)
    {
        ulong flags = 0, propagation = 0;
        var data = new List<string>();
        foreach (var option in options)
        {
            if (FlagWords.TryGetValue(option, out var word))
            {
                flags = word.Clear ? flags & ~word.Flag : flags | word.Flag;
            }
            else if (PropagationWords.TryGetValue(option, out var p))
            {
                propagation |= p;
            }
            else if (option.Length > 0)
            {
                data.Add(option);
            }
        }

        return new MountOptions(flags, propagation, data.Count == 0 ? null : string.Join(',', data));
    }
}
