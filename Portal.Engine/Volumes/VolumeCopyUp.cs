using System.Runtime.InteropServices;
using System.Text;
using Microsoft.Win32.SafeHandles;
using Portal.Engine.Interop;
using Tmds.Linux;

namespace Portal.Engine.Volumes;

/// <summary>
/// Docker's copy-up: a volume that is empty when it is first mounted receives what the image has at the mount's
/// destination (files, directories, symlinks, device nodes and fifos with their modes, owners and times), and its
/// root takes the owner and mode of the image's directory. Everything is done relative to directory fds opened
/// with O_NOFOLLOW, and symlinks are recreated, never followed: another container sharing the volume could plant
/// a link in it to redirect a write onto the host (the CVE-2018-15664 pattern).
/// </summary>
public static unsafe class VolumeCopyUp
{
    private const int S_IFIFO = 0x1000, S_IFCHR = 0x2000, S_IFDIR = 0x4000, S_IFBLK = 0x6000, S_IFREG = 0x8000, S_IFLNK = 0xA000;

    private static readonly int DirectoryFlags = LibC.O_RDONLY | LibC.O_DIRECTORY | LibC.O_NOFOLLOW | LibC.O_CLOEXEC;

    /// <summary>Copies when <paramref name="source"/> is a directory and <paramref name="destination"/> is empty; true when it did.</summary>
    public static bool CopyIfEmpty(string source, string destination)
    {
        var src = OpenPath(source, missingOk: true);
        if (src < 0)
        {
            return false;
        }

        try
        {
            var dst = OpenPath(destination, missingOk: false);
            try
            {
                if (Names(dst).Count > 0)
                {
                    return false;
                }

                CopyChildren(src, dst, source);
                stat st;
                Check(LibC.fstat(src, &st), "fstat", source);
                CopyAttributes(dst, in st, destination);
                return true;
            }
            finally
            {
                _ = LibC.close(dst);
            }
        }
        finally
        {
            _ = LibC.close(src);
        }
    }

    private static void CopyChildren(int src, int dst, string where)
    {
        foreach (var name in Names(src))
        {
            var path = where + "/" + name;
            var n = Z(name);
            stat st;
            fixed (byte* p = n)
            {
                Check(LibC.fstatat(src, p, &st, LibC.AT_SYMLINK_NOFOLLOW), "fstatat", path);
                switch ((int)(st.st_mode & LibC.S_IFMT))
                {
                    case S_IFDIR:
                        Check(LibC.mkdirat(dst, p, (ushort)0x1C0), "mkdirat", path);
                        var childSrc = Open(src, p, DirectoryFlags, path);
                        var childDst = Open(dst, p, DirectoryFlags, path);
                        try
                        {
                            CopyChildren(childSrc, childDst, path);
                            CopyAttributes(childDst, in st, path);
                        }
                        finally
                        {
                            _ = LibC.close(childSrc);
                            _ = LibC.close(childDst);
                        }

                        break;
                    case S_IFREG:
                        CopyFile(src, dst, p, in st, path);
                        break;
                    case S_IFLNK:
                        CopySymlink(src, dst, p, in st, path);
                        break;
                    case S_IFCHR or S_IFBLK or S_IFIFO:
                        Check(LibC.mknodat(dst, p, st.st_mode, st.st_rdev), "mknodat", path);
                        Check(LibC.fchownat(dst, p, st.st_uid, st.st_gid, LibC.AT_SYMLINK_NOFOLLOW), "fchownat", path);
                        Check(LibC.fchmodat(dst, p, (ushort)(st.st_mode & 0xFFF), 0), "fchmodat", path);
                        break;
                }
            }
        }
    }

    private static void CopyFile(int src, int dst, byte* name, in stat st, string path)
    {
        var input = Open(src, name, LibC.O_RDONLY | LibC.O_NOFOLLOW | LibC.O_CLOEXEC, path);
        using var reader = new FileStream(new SafeFileHandle(input, ownsHandle: true), FileAccess.Read, 1);
        var output = LibC.openat(dst, name, LibC.O_WRONLY | LibC.O_CREAT | LibC.O_EXCL | LibC.O_NOFOLLOW | LibC.O_CLOEXEC, (ushort)0x180);
        Check(output, "openat", path);
        using var writer = new FileStream(new SafeFileHandle(output, ownsHandle: true), FileAccess.Write, 1);
        reader.CopyTo(writer, 1 << 16);
        writer.Flush();
        CopyAttributes(output, in st, path);
    }

    private static void CopySymlink(int src, int dst, byte* name, in stat st, string path)
    {
        var buffer = new byte[4097];
        nint length;
        fixed (byte* b = buffer)
        {
            length = (nint)LibC.readlinkat(src, name, b, buffer.Length - 1);
            Check((int)Math.Min(length, 0), "readlinkat", path);
            buffer[length] = 0;
            Check(LibC.symlinkat(b, dst, name), "symlinkat", path);
        }

        Check(LibC.fchownat(dst, name, st.st_uid, st.st_gid, LibC.AT_SYMLINK_NOFOLLOW), "lchown", path);
        var times = stackalloc timespec[2];
        times[0] = st.st_atim;
        times[1] = st.st_mtim;
        Check(LibC.utimensat(dst, name, times, LibC.AT_SYMLINK_NOFOLLOW), "utimensat", path);
    }

    /// <summary>Owner first: chown clears set-id bits, so the mode (with them) comes after it.</summary>
    private static void CopyAttributes(int fd, in stat st, string path)
    {
        Check(LibC.fchown(fd, st.st_uid, st.st_gid), "fchown", path);
        Check(LibC.fchmod(fd, (ushort)(st.st_mode & 0xFFF)), "fchmod", path);
        var times = stackalloc timespec[2];
        times[0] = st.st_atim;
        times[1] = st.st_mtim;
        Check(LibC.futimens(fd, times), "futimens", path);
    }

    private static List<string> Names(int dirfd) =>
        [.. Directory.EnumerateFileSystemEntries($"/proc/self/fd/{dirfd}").Select(Path.GetFileName).OfType<string>()];

    private static int OpenPath(string path, bool missingOk)
    {
        fixed (byte* p = Z(path))
        {
            var fd = LibC.open(p, DirectoryFlags, 0);
            if (fd >= 0)
            {
                return fd;
            }

            var errno = Marshal.GetLastPInvokeError();
            if (missingOk && errno is ErrnoNames.ENOENT or ErrnoNames.ENOTDIR)
            {
                return -1;
            }

            throw new LinuxException("open", path, errno);
        }
    }

    private static int Open(int dirfd, byte* name, int flags, string path)
    {
        var fd = LibC.openat(dirfd, name, flags, 0);
        Check(fd, "openat", path);
        return fd;
    }

    private static void Check(int result, string operation, string path)
    {
        if (result < 0)
        {
            throw LinuxException.FromLastError(operation, path);
        }
    }

    private static byte[] Z(string name) => Encoding.UTF8.GetBytes(name + "\0");
}
