using Portal.Engine.Interop;

namespace Portal.Engine.Tests.Interop;

/// <summary>
/// A fake that records every call with its arguments. File-system shape calls (mkdir, create, symlink, lstat)
/// act on the real directory tree (a temp dir in tests) so path resolution is exercised; everything that needs
/// privileges is only recorded.
/// </summary>
public sealed class RecordingSyscalls : ISyscalls
{
    public sealed record Call(string Op, string? Path, ulong Flags = 0, string? Source = null, string? FsType = null, string? Data = null);

    public List<Call> Calls { get; } = [];

    /// <summary>Errno to fail mknod with (0 = succeed).</summary>
    public int MknodErrno { get; set; }

    /// <summary>Errno to fail a sysfs mount with (0 = succeed).</summary>
    public int SysfsErrno { get; set; }

    /// <summary>Resource → (soft, hard) current limits; SetRlimit above the hard limit fails with EPERM.</summary>
    public Dictionary<int, (ulong Soft, ulong Hard)> Rlimits { get; } = [];

    public IEnumerable<Call> Mounts => Calls.Where(c => c.Op == "mount");

    public void Mount(string? source, string target, string? fsType, ulong flags, string? data)
    {
        Calls.Add(new Call("mount", target, flags, source, fsType, data));
        if (fsType == "sysfs" && SysfsErrno != 0)
        {
            throw new LinuxException("mount sysfs on", target, SysfsErrno);
        }
    }

    public void Umount2(string target, int flags) => Calls.Add(new Call("umount2", target, (ulong)flags));

    public void PivotRoot(string newRoot, string putOld) => Calls.Add(new Call("pivot_root", newRoot, Source: putOld));

    public void Chdir(string path) => Calls.Add(new Call("chdir", path));

    public void Mkdir(string path, uint mode)
    {
        Calls.Add(new Call("mkdir", path, mode));
        Directory.CreateDirectory(path);
    }

    public void Mknod(string path, uint mode, ulong device)
    {
        Calls.Add(new Call("mknod", path, device, Data: mode.ToString("x", System.Globalization.CultureInfo.InvariantCulture)));
        if (MknodErrno != 0)
        {
            throw new LinuxException("mknod", path, MknodErrno);
        }
    }

    public void Chmod(string path, uint mode) => Calls.Add(new Call("chmod", path, mode));

    public void Symlink(string target, string linkPath) => Calls.Add(new Call("symlink", linkPath, Source: target));

    public void CreateFile(string path, uint mode)
    {
        Calls.Add(new Call("create", path, mode));
        File.WriteAllBytes(path, []);
    }

    public FileKind Lstat(string path)
    {
        var info = new FileInfo(path);
        if (info.LinkTarget is not null)
        {
            return FileKind.Symlink;
        }

        return Directory.Exists(path) ? FileKind.Directory : File.Exists(path) ? FileKind.File : FileKind.Missing;
    }

    public void Sethostname(string name) => Calls.Add(new Call("sethostname", name));

    public void Unshare(int flags) => Calls.Add(new Call("unshare", null, (ulong)flags));

    public void Prctl(int option, ulong arg2, ulong arg3 = 0) => Calls.Add(new Call("prctl", null, arg2, Data: option.ToString(System.Globalization.CultureInfo.InvariantCulture)));

    public bool DropBoundingCapability(int capability)
    {
        if (capability > Portal.Engine.ProcessSetup.Capabilities.Last)
        {
            return false;
        }

        Calls.Add(new Call("capbset_drop", null, (ulong)capability));
        return true;
    }

    public ulong? Permitted { get; private set; }

    public ulong? Effective { get; private set; }

    public ulong? Inheritable { get; private set; }

    public void Capset(ulong permitted, ulong effective, ulong inheritable)
    {
        Calls.Add(new Call("capset", null, effective));
        (Permitted, Effective, Inheritable) = (permitted, effective, inheritable);
    }

    public (ulong Soft, ulong Hard) GetRlimit(int resource) => Rlimits.TryGetValue(resource, out var l) ? l : (1024, 4096);

    public void SetRlimit(int resource, ulong soft, ulong hard)
    {
        Calls.Add(new Call("setrlimit", resource.ToString(System.Globalization.CultureInfo.InvariantCulture), hard, Data: soft.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        if (hard > GetRlimit(resource).Hard)
        {
            throw new LinuxException("setrlimit", null, ErrnoNames.EPERM);
        }

        Rlimits[resource] = (soft, hard);
    }

    public void SetGroups(IReadOnlyList<uint> gids) => Calls.Add(new Call("setgroups", string.Join(',', gids)));

    public void SetResGid(uint gid) => Calls.Add(new Call("setresgid", null, gid));

    public void SetResUid(uint uid) => Calls.Add(new Call("setresuid", null, uid));

    public void CloseRangeCloexec(uint first) => Calls.Add(new Call("close_range", null, first));

    public void Execve(string path, IReadOnlyList<string> argv, IReadOnlyList<string> env)
    {
        Calls.Add(new Call("execve", path));
        throw new LinuxException("execve", path, ErrnoNames.ENOENT);
    }
}
