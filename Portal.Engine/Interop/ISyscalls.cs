namespace Portal.Engine.Interop;

/// <summary>
/// The syscalls the container init performs, behind an interface so the mount order and flags are unit-tested
/// with a recording fake (youki's syscall/test.rs). Every failure throws <see cref="LinuxException"/> naming the
/// operation and the path.
/// </summary>
public interface ISyscalls
{
    void Mount(string? source, string target, string? fsType, ulong flags, string? data);
    void Umount2(string target, int flags);
    void PivotRoot(string newRoot, string putOld);
    void Chdir(string path);
    void Mkdir(string path, uint mode);
    void Mknod(string path, uint mode, ulong device);
    void Chmod(string path, uint mode);
    void Symlink(string target, string linkPath);

    /// <summary>Creates an empty file, failing if anything (a symlink included) is already there.</summary>
    void CreateFile(string path, uint mode);

    FileKind Lstat(string path);
    void Sethostname(string name);
    void Unshare(int flags);
    void Prctl(int option, ulong arg2, ulong arg3 = 0);

    /// <summary>Drops one capability from the bounding set; false when the kernel does not know it.</summary>
    bool DropBoundingCapability(int capability);

    void Capset(ulong permitted, ulong effective, ulong inheritable);
    (ulong Soft, ulong Hard) GetRlimit(int resource);
    void SetRlimit(int resource, ulong soft, ulong hard);
    void SetGroups(IReadOnlyList<uint> gids);
    void SetResGid(uint gid);
    void SetResUid(uint uid);

    /// <summary>Marks every fd from <paramref name="first"/> up close-on-exec.</summary>
    void CloseRangeCloexec(uint first);

    /// <summary>Replaces the process image; returns only by throwing.</summary>
    void Execve(string path, IReadOnlyList<string> argv, IReadOnlyList<string> env);
}
