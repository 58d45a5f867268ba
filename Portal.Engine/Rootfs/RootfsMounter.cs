using Portal.Engine.Interop;
using Portal.Engine.Spec;
using Portal.Engine.Volumes;
using static Portal.Engine.Interop.MountFlags;

namespace Portal.Engine.Rootfs;

/// <summary>
/// Builds the container's root in stage2's own mount namespace and pivots into it, in runc/crun's order:
/// private /, the snapshot mounts, volumes and tmpfs mounts, the engine's /etc files, /proc, /dev and its nodes, /dev/pts, /dev/shm, /dev/mqueue, /sys,
/// masked and read-only paths, pivot_root.
/// </summary>
public sealed class RootfsMounter(ISyscalls sys)
{
    /// <summary>(rootfs directory at the destination, volume directory): fills an empty volume with the image's content.</summary>
    public Action<string, string> CopyUp { get; init; } = (source, volume) => VolumeCopyUp.CopyIfEmpty(source, volume);

    private const uint S_IFCHR = 0x2000;

    private static readonly (string Name, uint Major, uint Minor)[] Devices =
    [
        ("null", 1, 3), ("zero", 1, 5), ("full", 1, 7), ("random", 1, 8), ("urandom", 1, 9), ("tty", 5, 0),
    ];

    private static readonly (string Target, string Link)[] DevLinks =
    [
        ("pts/ptmx", "ptmx"), ("/proc/self/fd", "fd"), ("/proc/self/fd/0", "stdin"),
        ("/proc/self/fd/1", "stdout"), ("/proc/self/fd/2", "stderr"),
    ];

    /// <summary>Everything up to and including pivot_root; the caller's cwd is the new "/" afterwards.</summary>
    public void Build(RuntimeSpec spec)
    {
        var root = spec.RootfsDir.TrimEnd('/');
        if (root.Length == 0 || !root.StartsWith('/'))
        {
            throw new InvalidOperationException($"rootfs directory must be an absolute path other than /: '{spec.RootfsDir}'");
        }

        // Nothing done below may propagate back to the host's mount namespace.
        sys.Mount(null, "/", null, MS_REC | MS_PRIVATE, null);

        MountRootfs(spec, root);
        MountVolumes(spec, root);
        BindFiles(spec, root);
        MountProc(root);
        MountDev(root);
        MountSys(root);
        foreach (var path in spec.MaskedPaths)
        {
            Mask(root, path);
        }

        foreach (var path in spec.ReadonlyPaths)
        {
            MakeReadonly(root, path);
        }

        PivotRoot(root);
    }

    private void MountRootfs(RuntimeSpec spec, string root)
    {
        if (spec.RootfsMounts.Count == 0)
        {
            // pivot_root needs the new root to be a mount point.
            sys.Mount(root, root, null, MS_BIND | MS_REC, null);
        }

        foreach (var mount in spec.RootfsMounts)
        {
            var target = mount.Target is "/" or "" ? root : RootPath.Resolve(sys, root, mount.Target, FileKind.Directory);
            if (mount.WorkingDirectory is { } wd)
            {
                sys.Chdir(wd);
            }

            Perform(mount.Type, mount.Source, target, MountOptions.Parse(mount.Options));
        }
    }

    /// <summary>
    /// Volumes and tmpfs mounts, shallow destinations first so one nested in another lands inside it (Docker sorts
    /// them together). RootPath refuses a destination that is or passes through a symlink (CVE-2021-30465); the
    /// copy-up reads the directory it resolved.
    /// </summary>
    private void MountVolumes(RuntimeSpec spec, string root)
    {
        var mounts = spec.Volumes.Select(v => (v.ContainerPath, Volume: (VolumeBindSpec?)v, Tmpfs: (TmpfsSpec?)null))
            .Concat(spec.Tmpfs.Select(t => (t.ContainerPath, Volume: (VolumeBindSpec?)null, Tmpfs: (TmpfsSpec?)t)))
            .OrderBy(m => m.ContainerPath.Split('/', StringSplitOptions.RemoveEmptyEntries).Length);
        foreach (var (path, volume, tmpfs) in mounts)
        {
            var target = RootPath.Resolve(sys, root, path, FileKind.Directory);
            if (tmpfs is not null)
            {
                Perform("tmpfs", "tmpfs", target, MountOptions.Parse(tmpfs.Options));
                continue;
            }

            if (volume!.CopyUp)
            {
                CopyUp(target, volume.HostPath);
            }

            string[] options = ["rbind", "nosuid", "nodev", volume.ReadOnly ? "ro" : "rw"];
            Perform("bind", volume.HostPath, target, MountOptions.Parse(options));
        }
    }

    /// <summary>Read-write like Docker's; RootPath refuses a target that is (or passes through) a symlink, which
    /// would otherwise let the image redirect the bind onto a host file.</summary>
    private void BindFiles(RuntimeSpec spec, string root)
    {
        foreach (var file in spec.EtcFiles)
        {
            var target = RootPath.Resolve(sys, root, file.ContainerPath, FileKind.File);
            sys.Mount(file.HostPath, target, null, MS_BIND, null);
        }
    }

    /// <summary>containerd's order: the mount itself, then propagation, then (for binds) the read-only remount,
    /// because the kernel ignores MS_RDONLY on the first bind call and propagation must be its own call.</summary>
    internal void Perform(string type, string source, string target, MountOptions options)
    {
        var fsType = options.IsBind || type == "bind" ? null : type;
        var flags = options.Flags | (type == "bind" ? MS_BIND : 0);
        sys.Mount(source, target, fsType, flags & ~MS_RDONLY | (fsType is null ? 0 : flags & MS_RDONLY), options.Data);
        if (options.Propagation != 0)
        {
            sys.Mount(null, target, null, options.Propagation, null);
        }

        // The kernel ignores every flag but MS_REC on a new bind: read-only, nosuid and nodev take a remount.
        if (fsType is null && (flags & (MS_RDONLY | MS_NOSUID | MS_NODEV | MS_NOEXEC)) != 0)
        {
            sys.Mount(null, target, null, (flags & ~MS_REC) | MS_REMOUNT | MS_BIND, null);
        }
    }

    private void MountProc(string root)
    {
        // A /proc planted as a symlink would redirect the proc mount (CVE-2019-19921); Resolve refuses it.
        var target = RootPath.Resolve(sys, root, "/proc", FileKind.Directory);
        sys.Mount("proc", target, "proc", MS_NOSUID | MS_NOEXEC | MS_NODEV, null);
    }

    private void MountDev(string root)
    {
        var dev = RootPath.Resolve(sys, root, "/dev", FileKind.Directory);
        sys.Mount("tmpfs", dev, "tmpfs", MS_NOSUID | MS_STRICTATIME, "mode=755,size=65536k");
        foreach (var (name, major, minor) in Devices)
        {
            var path = dev + "/" + name;
            try
            {
                sys.Mknod(path, S_IFCHR | FileModes.Rw_rw_rw_, ((ulong)major << 8) | minor);
                sys.Chmod(path, FileModes.Rw_rw_rw_);
            }
            catch (LinuxException e) when (e.Errno is ErrnoNames.EPERM or ErrnoNames.EACCES)
            {
                // No CAP_MKNOD (e.g. in a user namespace): bind the host's node as runc does.
                sys.CreateFile(path, FileModes.Rw_rw_rw_);
                sys.Mount("/dev/" + name, path, null, MS_BIND, null);
            }
        }

        foreach (var (target, link) in DevLinks)
        {
            sys.Symlink(target, dev + "/" + link);
        }

        var pts = RootPath.Resolve(sys, root, "/dev/pts", FileKind.Directory);
        sys.Mount("devpts", pts, "devpts", MS_NOSUID | MS_NOEXEC, "newinstance,ptmxmode=0666,mode=0620,gid=5");
        var shm = RootPath.Resolve(sys, root, "/dev/shm", FileKind.Directory);
        sys.Mount("shm", shm, "tmpfs", MS_NOSUID | MS_NODEV | MS_NOEXEC, "mode=1777,size=65536k");
        var mqueue = RootPath.Resolve(sys, root, "/dev/mqueue", FileKind.Directory);
        try
        {
            sys.Mount("mqueue", mqueue, "mqueue", MS_NOSUID | MS_NODEV | MS_NOEXEC, null);
        }
        catch (LinuxException)
        {
            // Optional: kernels without POSIX message queues have no mqueue filesystem.
        }
    }

    private void MountSys(string root)
    {
        var target = RootPath.Resolve(sys, root, "/sys", FileKind.Directory);
        try
        {
            sys.Mount("sysfs", target, "sysfs", MS_NOSUID | MS_NOEXEC | MS_NODEV | MS_RDONLY, null);
        }
        catch (LinuxException e) when (e.Errno == ErrnoNames.EPERM)
        {
            // sysfs refuses a new mount from a network namespace the caller's user namespace does not own:
            // show the host's /sys read-only instead, as runc does.
            sys.Mount("/sys", target, null, MS_BIND | MS_REC, null);
            sys.Mount(null, target, null, MS_BIND | MS_REMOUNT | MS_RDONLY | MS_NOSUID | MS_NOEXEC | MS_NODEV, null);
        }
    }

    private void Mask(string root, string path)
    {
        var target = RootPath.Resolve(sys, root, path, FileKind.Missing);
        switch (sys.Lstat(target))
        {
            case FileKind.Missing:
                return;
            case FileKind.Directory:
                sys.Mount("tmpfs", target, "tmpfs", MS_RDONLY, null);
                break;
            case FileKind.Symlink:
                throw new InvalidOperationException($"refusing to mask {path}: {target} is a symlink");
            default:
                sys.Mount("/dev/null", target, null, MS_BIND, null);
                break;
        }
    }

    private void MakeReadonly(string root, string path)
    {
        var target = RootPath.Resolve(sys, root, path, FileKind.Missing);
        switch (sys.Lstat(target))
        {
            case FileKind.Missing:
                return;
            case FileKind.Symlink:
                throw new InvalidOperationException($"refusing to make {path} read-only: {target} is a symlink");
            default:
                sys.Mount(target, target, null, MS_BIND | MS_REC, null);
                sys.Mount(null, target, null, MS_BIND | MS_REMOUNT | MS_RDONLY, null);
                break;
        }
    }

    /// <summary>
    /// After pivot_root and once the working directory exists (runc's finalizeRootfs): a read-only root is a
    /// remount of the root mount alone, so /dev, /proc, volumes, tmpfs and the /etc file binds, each its own
    /// mount, stay writable as in Docker.
    /// </summary>
    public void FinalizeRootfs(RuntimeSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (spec.ReadonlyRootfs)
        {
            sys.Mount(null, "/", null, MS_BIND | MS_REMOUNT | MS_RDONLY, null);
        }
    }

    /// <summary>
    /// pivot_root(".", ".") stacks the old root on top of the new one at "/" without needing a put_old directory
    /// inside the rootfs (a trick from LXC that runc uses); the old root is then detached from the top. Since /
    /// was made rprivate first, the detach cannot propagate to the host.
    /// </summary>
    private void PivotRoot(string root)
    {
        sys.Chdir(root);
        sys.PivotRoot(".", ".");
        sys.Umount2(".", MNT_DETACH);
        sys.Chdir("/");
    }
}
