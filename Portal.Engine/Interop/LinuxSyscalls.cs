using System.Runtime.InteropServices;
using System.Text;
using Tmds.Linux;

namespace Portal.Engine.Interop;

/// <summary>The real syscalls. Retries EINTR where the kernel can return it.</summary>
public sealed unsafe class LinuxSyscalls : ISyscalls
{
    public static LinuxSyscalls Instance { get; } = new();

    internal static byte[] Z(string value)
    {
        var bytes = new byte[Encoding.UTF8.GetByteCount(value) + 1];
        Encoding.UTF8.GetBytes(value, bytes);
        return bytes;
    }

    private static void Check(int rv, string operation, string? path)
    {
        if (rv == -1)
        {
            throw LinuxException.FromLastError(operation, path);
        }
    }

    public void Mount(string? source, string target, string? fsType, ulong flags, string? data)
    {
        var src = source is null ? null : Z(source);
        var type = fsType is null ? null : Z(fsType);
        var dat = data is null ? null : Z(data);
        fixed (byte* s = src, t = Z(target), f = type, d = dat)
        {
            Check(LibC.mount(s, t, f, (ulong_t)flags, d), $"mount {fsType ?? source ?? "none"} ({MountFlags.Format(flags)}) on", target);
        }
    }

    public void Umount2(string target, int flags)
    {
        fixed (byte* t = Z(target))
        {
            Check(LibC.umount2(t, flags), "umount2", target);
        }
    }

    public void PivotRoot(string newRoot, string putOld)
    {
        fixed (byte* n = Z(newRoot), o = Z(putOld))
        {
            Check(Native.pivot_root(n, o), "pivot_root", newRoot);
        }
    }

    public void Chdir(string path)
    {
        fixed (byte* p = Z(path))
        {
            Check(LibC.chdir(p), "chdir", path);
        }
    }

    public void Mkdir(string path, uint mode)
    {
        fixed (byte* p = Z(path))
        {
            Check(LibC.mkdir(p, (mode_t)mode), "mkdir", path);
        }
    }

    public void Mknod(string path, uint mode, ulong device)
    {
        fixed (byte* p = Z(path))
        {
            Check(LibC.mknod(p, (mode_t)mode, (dev_t)device), "mknod", path);
        }
    }

    public void Chmod(string path, uint mode)
    {
        fixed (byte* p = Z(path))
        {
            Check(LibC.chmod(p, (mode_t)mode), "chmod", path);
        }
    }

    public void Symlink(string target, string linkPath)
    {
        fixed (byte* t = Z(target), l = Z(linkPath))
        {
            Check(LibC.symlink(t, l), "symlink", linkPath);
        }
    }

    public void CreateFile(string path, uint mode)
    {
        fixed (byte* p = Z(path))
        {
            var fd = LibC.open(p, LibC.O_WRONLY | LibC.O_CREAT | LibC.O_EXCL | LibC.O_NOFOLLOW | LibC.O_CLOEXEC, (mode_t)mode);
            Check(fd, "create", path);
            _ = LibC.close(fd);
        }
    }

    public FileKind Lstat(string path)
    {
        stat st;
        fixed (byte* p = Z(path))
        {
            if (LibC.lstat(p, &st) == -1)
            {
                var errno = Marshal.GetLastPInvokeError();
                return errno is ErrnoNames.ENOENT or ErrnoNames.ENOTDIR
                    ? FileKind.Missing
                    : throw new LinuxException("lstat", path, errno);
            }
        }

        return ((uint)st.st_mode & 0xF000) switch
        {
            0x4000 => FileKind.Directory,
            0x8000 => FileKind.File,
            0xA000 => FileKind.Symlink,
            _ => FileKind.Other,
        };
    }

    public void Sethostname(string name)
    {
        var bytes = Encoding.UTF8.GetBytes(name);
        fixed (byte* p = bytes)
        {
            Check(LibC.sethostname(p, (size_t)bytes.Length), "sethostname", name);
        }
    }

    public void Unshare(int flags) => Check(LibC.unshare(flags), $"unshare(0x{flags:x})", null);

    public void Prctl(int option, ulong arg2, ulong arg3 = 0) =>
        Check(Native.prctl(option, (nuint)arg2, (nuint)arg3, 0, 0), $"prctl({option}, {arg2})", null);

    public bool DropBoundingCapability(int capability)
    {
        if (Native.prctl(Native.PR_CAPBSET_DROP, (nuint)capability, 0, 0, 0) == 0)
        {
            return true;
        }

        var errno = Marshal.GetLastPInvokeError();
        return errno == ErrnoNames.EINVAL ? false : throw new LinuxException("prctl(PR_CAPBSET_DROP)", $"capability {capability}", errno);
    }

    public void Capset(ulong permitted, ulong effective, ulong inheritable)
    {
        var header = new Native.CapHeader { Version = Native.LINUX_CAPABILITY_VERSION_3, Pid = 0 };
        var data = stackalloc Native.CapData[2];
        data[0] = new Native.CapData { Effective = (uint)effective, Permitted = (uint)permitted, Inheritable = (uint)inheritable };
        data[1] = new Native.CapData
        {
            Effective = (uint)(effective >> 32),
            Permitted = (uint)(permitted >> 32),
            Inheritable = (uint)(inheritable >> 32),
        };
        Check(Native.capset(&header, data), "capset", $"permitted=0x{permitted:x16} effective=0x{effective:x16}");
    }

    public (ulong Soft, ulong Hard) GetRlimit(int resource)
    {
        Native.Rlimit old;
        Check(Native.prlimit(0, resource, null, &old), "getrlimit", $"resource {resource}");
        return (old.Current, old.Maximum);
    }

    public void SetRlimit(int resource, ulong soft, ulong hard)
    {
        var limit = new Native.Rlimit { Current = soft, Maximum = hard };
        Check(Native.prlimit(0, resource, &limit, null), "setrlimit", $"resource {resource} {soft}:{hard}");
    }

    public void SetGroups(IReadOnlyList<uint> gids)
    {
        var array = gids.ToArray();
        fixed (uint* p = array)
        {
            Check(LibC.setgroups((size_t)array.Length, (gid_t*)p), "setgroups", string.Join(',', gids));
        }
    }

    public void SetResGid(uint gid) => Check(LibC.setresgid(gid, gid, gid), "setresgid", gid.ToString(System.Globalization.CultureInfo.InvariantCulture));

    public void SetResUid(uint uid) => Check(LibC.setresuid(uid, uid, uid), "setresuid", uid.ToString(System.Globalization.CultureInfo.InvariantCulture));

    public void CloseRangeCloexec(uint first) =>
        Check(Native.close_range(first, uint.MaxValue, Native.CLOSE_RANGE_CLOEXEC), "close_range", null);

    public void Execve(string path, IReadOnlyList<string> argv, IReadOnlyList<string> env)
    {
        var handles = new List<GCHandle>();
        try
        {
            var argvPtr = Pin(argv, handles);
            var envPtr = Pin(env, handles);
            fixed (byte* p = Z(path))
            {
                _ = LibC.execve(p, argvPtr, envPtr);
            }

            throw LinuxException.FromLastError("execve", path);
        }
        finally
        {
            foreach (var h in handles)
            {
                h.Free();
            }
        }
    }

    private static byte** Pin(IReadOnlyList<string> values, List<GCHandle> handles)
    {
        var array = new nint[values.Count + 1];
        for (var i = 0; i < values.Count; i++)
        {
            var h = GCHandle.Alloc(Z(values[i]), GCHandleType.Pinned);
            handles.Add(h);
            array[i] = h.AddrOfPinnedObject();
        }

        var arrayHandle = GCHandle.Alloc(array, GCHandleType.Pinned);
        handles.Add(arrayHandle);
        return (byte**)arrayHandle.AddrOfPinnedObject();
    }
}
