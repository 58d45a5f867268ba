using System.Formats.Tar;
using System.Runtime.InteropServices;
using System.Text;
using Microsoft.Win32.SafeHandles;
using Portal.Engine.Errors;
using Portal.Engine.Interop;
using Tmds.Linux;

namespace Portal.Engine.Images;

/// <summary>
/// Extracts one layer tar into its own empty diff directory in overlayfs form.
/// Every entry is created by an *at call relative to a parent directory fd that was opened component by
/// component with openat2(RESOLVE_IN_ROOT | RESOLVE_NO_SYMLINKS | RESOLVE_NO_MAGICLINKS | RESOLVE_NO_XDEV),
/// and the final component is a single plain name, so no entry can reach outside the root.
/// Policy (why refuse rather than contain): absolute names, ".." components, writes through a symlink and
/// hardlinks to anything not already extracted in this layer never occur in images built by docker,
/// podman or buildah; they only appear in hostile archives (CVE-2021-32760, CVE-2025-47290, moby bfc3a41),
/// so the whole import is refused with the entry named, instead of guessing what the author meant.
/// Each layer is extracted into an empty directory, so symlinks of lower layers are never in the way.
/// </summary>
internal sealed unsafe class LayerExtractor : IDisposable
{
    private const string WhiteoutPrefix = ".wh.";
    private const string OpaqueMarker = ".wh..wh..opq";
    private const string XattrPaxPrefix = "SCHILY.xattr.";

    private static readonly bool CanChown = Environment.IsPrivilegedProcess;

    private readonly string _root;
    private readonly string _layerName;
    private readonly long _maxEntries;
    private readonly int _rootFd;
    private readonly Dictionary<string, DateTimeOffset> _directoryTimes = new(StringComparer.Ordinal);

    private LayerExtractor(string root, string layerName, long maxEntries)
    {
        _root = root;
        _layerName = layerName;
        _maxEntries = maxEntries;
        fixed (byte* p = Z(root))
        {
            _rootFd = LibC.open(p, LibC.O_PATH | LibC.O_DIRECTORY | LibC.O_CLOEXEC, 0);
        }

        if (_rootFd < 0)
        {
            throw LinuxException.FromLastError("open", root);
        }
    }

    /// <summary>Extracts <paramref name="tar"/> (uncompressed) into the existing empty <paramref name="root"/>;
    /// returns the sum of the regular file sizes.</summary>
    public static long Extract(Stream tar, string root, string layerName, long maxEntries, CancellationToken cancellationToken)
    {
        using var extractor = new LayerExtractor(root, layerName, maxEntries);
        return extractor.Run(tar, cancellationToken);
    }

    public void Dispose() => _ = LibC.close(_rootFd);

    private long Run(Stream tar, CancellationToken cancellationToken)
    {
        long size = 0, entries = 0;
        using var reader = new TarReader(tar, leaveOpen: true);
        while (NextEntry(reader) is { } entry)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (++entries > _maxEntries)
            {
                throw new ImageFormatException($"layer {_layerName}: more than {_maxEntries} entries (the import entry cap)");
            }

            if (entry.EntryType == TarEntryType.GlobalExtendedAttributes)
            {
                continue;
            }

            size += ExtractEntry(entry);
        }

        ApplyDirectoryTimes();
        return size;
    }

    private TarEntry? NextEntry(TarReader reader)
    {
        try
        {
            return reader.GetNextEntry();
        }
        catch (Exception e) when (e is InvalidDataException or EndOfStreamException or FormatException or ArgumentException)
        {
            throw new ImageFormatException($"layer {_layerName}: not a valid tar (truncated or corrupt): {e.Message}", e);
        }
    }

    private long ExtractEntry(TarEntry entry)
    {
        var parts = ArchivePath.Split(entry.Name, $"layer {_layerName}: entry");
        if (parts.Length == 0)
        {
            return 0;
        }

        var leaf = parts[^1];
        var relative = ArchivePath.Join(parts, parts.Length);
        var parent = OpenDirectory(parts, parts.Length - 1, create: true, entry.Name);
        try
        {
            if (leaf == OpaqueMarker)
            {
                MarkOpaque(parent, entry.Name);
                return 0;
            }

            if (leaf.StartsWith(WhiteoutPrefix + WhiteoutPrefix, StringComparison.Ordinal))
            {
                return 0; // aufs bookkeeping (.wh..wh.plnk, .wh..wh.aufs): meaningless to overlayfs.
            }

            if (leaf.StartsWith(WhiteoutPrefix, StringComparison.Ordinal))
            {
                var hidden = leaf[WhiteoutPrefix.Length..];
                if (hidden is "" or "." or "..")
                {
                    throw Refuse(entry.Name, "is a whiteout without a valid name");
                }

                RemoveExisting(parent, hidden, ArchivePath.Join(parts, parts.Length - 1) + "/" + hidden, keepDirectory: false);
                // overlayfs represents a deleted lower entry as a 0:0 character device of the same name.
                fixed (byte* n = Z(hidden))
                {
                    Check(LibC.mknodat(parent, n, (ushort)LibC.S_IFCHR, 0UL), "mknod", entry.Name);
                }

                return 0;
            }

            return entry.EntryType switch
            {
                TarEntryType.Directory => CreateDirectory(parent, leaf, relative, entry),
                TarEntryType.RegularFile or TarEntryType.V7RegularFile or TarEntryType.ContiguousFile =>
                    CreateFile(parent, leaf, relative, entry),
                TarEntryType.SymbolicLink => CreateSymlink(parent, leaf, relative, entry),
                TarEntryType.HardLink => CreateHardlink(parent, leaf, relative, entry),
                TarEntryType.CharacterDevice or TarEntryType.BlockDevice or TarEntryType.Fifo =>
                    CreateNode(parent, leaf, relative, entry),
                _ => throw Refuse(entry.Name, $"has the unsupported type {entry.EntryType}"),
            };
        }
        finally
        {
            _ = LibC.close(parent);
        }
    }

    private long CreateDirectory(int parent, string leaf, string relative, TarEntry entry)
    {
        if (!RemoveExisting(parent, leaf, relative, keepDirectory: true))
        {
            fixed (byte* n = Z(leaf))
            {
                Check(LibC.mkdirat(parent, n, (ushort)0x1C0), "mkdir", entry.Name);
            }

        }

        SetOwnerAndMode(parent, leaf, entry);
        var fd = OpenAt(parent, leaf, LibC.O_RDONLY | LibC.O_DIRECTORY | LibC.O_CLOEXEC | LibC.O_NOFOLLOW, 0, entry.Name);
        try
        {
            SetXattrs(fd, entry);
        }
        finally
        {
            _ = LibC.close(fd);
        }

        _directoryTimes[relative] = entry.ModificationTime;
        return 0;
    }

    private long CreateFile(int parent, string leaf, string relative, TarEntry entry)
    {
        RemoveExisting(parent, leaf, relative, keepDirectory: false);
        var fd = OpenAt(parent, leaf, LibC.O_WRONLY | LibC.O_CREAT | LibC.O_EXCL | LibC.O_NOFOLLOW | LibC.O_CLOEXEC, 0x180, entry.Name);
        using var file = new FileStream(new SafeFileHandle(fd, ownsHandle: true), FileAccess.Write, 1);
        entry.DataStream?.CopyTo(file, 128 * 1024);
        file.Flush();
        if (CanChown)
        {
            Check(LibC.fchown(fd, (uint)entry.Uid, (uint)entry.Gid), "fchown", entry.Name);
        }

        // chmod after chown: chown clears the setuid/setgid bits.
        Check(LibC.fchmod(fd, Mode(entry)), "fchmod", entry.Name);
        SetXattrs(fd, entry);
        var times = stackalloc timespec[2];
        FillTimes(times, entry.ModificationTime);
        Check(LibC.futimens(fd, times), "futimens", entry.Name);
        return entry.Length;
    }

    private long CreateSymlink(int parent, string leaf, string relative, TarEntry entry)
    {
        RemoveExisting(parent, leaf, relative, keepDirectory: false);
        // The target is stored verbatim and never followed here; it is resolved inside the container root at run time.
        fixed (byte* target = Z(entry.LinkName))
        {
            fixed (byte* n = Z(leaf))
            {
                Check(LibC.symlinkat(target, parent, n), "symlink", entry.Name);
            }

        }

        if (CanChown)
        {
            fixed (byte* n = Z(leaf))
            {
                Check(LibC.fchownat(parent, n, (uint)entry.Uid, (uint)entry.Gid, LibC.AT_SYMLINK_NOFOLLOW), "lchown", entry.Name);
            }

        }

        SetTimes(parent, leaf, entry.ModificationTime, entry.Name);
        return 0;
    }

    private long CreateHardlink(int parent, string leaf, string relative, TarEntry entry)
    {
        var target = ArchivePath.Split(entry.LinkName, $"layer {_layerName}: hardlink '{entry.Name}' target");
        if (target.Length == 0)
        {
            throw Refuse(entry.Name, "is a hardlink to the layer root");
        }

        if (ArchivePath.Join(target, target.Length) == relative)
        {
            throw Refuse(entry.Name, "is a hardlink to itself");
        }

        var targetParent = OpenDirectory(target, target.Length - 1, create: false, entry.Name);
        try
        {
            RemoveExisting(parent, leaf, relative, keepDirectory: false);
            fixed (byte* from = Z(target[^1]))
            fixed (byte* n = Z(leaf))
            {
                if (LibC.linkat(targetParent, from, parent, n, 0) != 0)
                {
                    var errno = Marshal.GetLastPInvokeError();
                    throw errno == ErrnoNames.ENOENT
                        ? Refuse(entry.Name, $"is a hardlink to '{entry.LinkName}', which is not in this layer")
                        : Refuse(entry.Name, $"cannot be linked to '{entry.LinkName}': {new LinuxException("link", entry.LinkName, errno).Message}");
                }
            }
        }
        finally
        {
            _ = LibC.close(targetParent);
        }

        return 0;
    }

    private long CreateNode(int parent, string leaf, string relative, TarEntry entry)
    {
        RemoveExisting(parent, leaf, relative, keepDirectory: false);
        var type = entry.EntryType switch
        {
            TarEntryType.CharacterDevice => LibC.S_IFCHR,
            TarEntryType.BlockDevice => LibC.S_IFBLK,
            _ => LibC.S_IFIFO,
        };
        var (major, minor) = entry is PosixTarEntry posix ? ((uint)posix.DeviceMajor, (uint)posix.DeviceMinor) : (0u, 0u);
        var dev = ((ulong)(major & 0xfffff000) << 32) | ((ulong)(major & 0xfff) << 8)
            | ((ulong)(minor & 0xffffff00) << 12) | (minor & 0xff);
        fixed (byte* n = Z(leaf))
        {
            Check(LibC.mknodat(parent, n, (ushort)(type | 0x180), dev), "mknod", entry.Name);
        }

        SetOwnerAndMode(parent, leaf, entry);
        SetTimes(parent, leaf, entry.ModificationTime, entry.Name);
        return 0;
    }

    /// <summary>Opens the directory made of the first <paramref name="count"/> components, one component at a time,
    /// creating missing ones (0755) when asked. A symlink or non-directory on the way refuses the entry.</summary>
    private int OpenDirectory(string[] parts, int count, bool create, string entryName)
    {
        var current = OpenAt(_rootFd, ".", LibC.O_PATH | LibC.O_DIRECTORY | LibC.O_CLOEXEC, 0, entryName);
        for (var i = 0; i < count; i++)
        {
            var next = TryOpenAt(current, parts[i], LibC.O_PATH | LibC.O_DIRECTORY | LibC.O_CLOEXEC, 0);
            if (next < 0 && next == -ErrnoNames.ENOENT && create)
            {
                int made;
                fixed (byte* n = Z(parts[i]))
                {
                    made = LibC.mkdirat(current, n, (ushort)0x1ED);
                }

                if (made != 0 && Marshal.GetLastPInvokeError() != ErrnoNames.EEXIST)
                {
                    _ = LibC.close(current);
                    throw Refuse(entryName, $"cannot create its parent '{ArchivePath.Join(parts, i + 1)}': {LinuxException.FromLastError("mkdir").Message}");
                }

                next = TryOpenAt(current, parts[i], LibC.O_PATH | LibC.O_DIRECTORY | LibC.O_CLOEXEC, 0);
            }

            _ = LibC.close(current);
            if (next < 0)
            {
                var prefix = ArchivePath.Join(parts, i + 1);
                throw -next switch
                {
                    ErrnoNames.ELOOP => Refuse(entryName, $"passes through the symlink '{prefix}'"),
                    ErrnoNames.ENOTDIR => Refuse(entryName, $"passes through '{prefix}', which is not a directory"),
                    ErrnoNames.ENOENT => Refuse(entryName, $"needs '{prefix}', which is not in this layer"),
                    ErrnoNames.EXDEV => Refuse(entryName, $"passes through a mount point at '{prefix}'"),
                    _ => Refuse(entryName, $"cannot open '{prefix}': {new LinuxException("openat2", prefix, -next).Message}"),
                };
            }

            current = next;
        }

        return current;
    }

    /// <summary>Removes what an entry replaces; returns true when <paramref name="keepDirectory"/> and a directory is already there.</summary>
    private bool RemoveExisting(int parent, string name, string relative, bool keepDirectory)
    {
        stat st;
        int found;
        fixed (byte* n = Z(name))
        {
            found = LibC.fstatat(parent, n, &st, LibC.AT_SYMLINK_NOFOLLOW);
        }

        if (found != 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            return errno == ErrnoNames.ENOENT ? false : throw new LinuxException("stat", relative, errno);
        }

        if ((st.st_mode & LibC.S_IFMT) == LibC.S_IFDIR)
        {
            if (keepDirectory)
            {
                return true;
            }

            // The parent chain was opened without following any symlink and nothing else writes into a
            // staging layer, so this path names exactly the directory the fd walk found.
            Directory.Delete(Path.Combine(_root, relative), recursive: true);
            return false;
        }

        fixed (byte* n = Z(name))
        {
            Check(LibC.unlinkat(parent, n, 0), "unlink", relative);
        }

        return false;
    }

    private void MarkOpaque(int directory, string entryName)
    {
        var fd = OpenAt(directory, ".", LibC.O_RDONLY | LibC.O_DIRECTORY | LibC.O_CLOEXEC, 0, entryName);
        try
        {
            // overlayfs hides every lower entry below a directory carrying trusted.overlay.opaque=y
            // (trusted.* needs CAP_SYS_ADMIN in the initial user namespace).
            if (SetXattr(fd, "trusted.overlay.opaque", "y"u8) != 0)
            {
                throw new ImageFormatException(
                    $"layer {_layerName}: entry '{entryName}': cannot mark the directory opaque: {LinuxException.FromLastError("setxattr trusted.overlay.opaque").Message}");
            }
        }
        finally
        {
            _ = LibC.close(fd);
        }
    }

    private void SetXattrs(int fd, TarEntry entry)
    {
        if (entry is not PaxTarEntry pax)
        {
            return;
        }

        foreach (var (key, value) in pax.ExtendedAttributes)
        {
            if (!key.StartsWith(XattrPaxPrefix, StringComparison.Ordinal))
            {
                continue;
            }

            var name = key[XattrPaxPrefix.Length..];
            // A layer must not forge overlayfs metadata (opaque, redirect, metacopy) of its own.
            if (name.StartsWith("trusted.overlay.", StringComparison.Ordinal))
            {
                continue;
            }

            // Best effort: a value the kernel or the filesystem refuses (unsupported namespace, binary
            // capability mangled by the text PAX record) must not fail the whole image.
            _ = SetXattr(fd, name, Encoding.UTF8.GetBytes(value));
        }
    }

    private static int SetXattr(int fd, string name, ReadOnlySpan<byte> value)
    {
        fixed (byte* n = Z(name))
        fixed (byte* v = value)
        {
            return Native.FSetXattr(fd, n, v, (nuint)value.Length, 0);
        }
    }

    private void SetOwnerAndMode(int parent, string leaf, TarEntry entry)
    {
        if (CanChown)
        {
            fixed (byte* n = Z(leaf))
            {
                Check(LibC.fchownat(parent, n, (uint)entry.Uid, (uint)entry.Gid, LibC.AT_SYMLINK_NOFOLLOW), "chown", entry.Name);
            }

        }

        // fchmodat follows a final symlink, but the leaf was created by this extractor as a directory or node just now.
        fixed (byte* n = Z(leaf))
        {
            Check(LibC.fchmodat(parent, n, Mode(entry), 0), "chmod", entry.Name);
        }

    }

    private void SetTimes(int parent, string leaf, DateTimeOffset time, string entryName)
    {
        var times = stackalloc timespec[2];
        FillTimes(times, time);
        fixed (byte* n = Z(leaf))
        {
            Check(LibC.utimensat(parent, n, times, LibC.AT_SYMLINK_NOFOLLOW), "utimensat", entryName);
        }

    }

    private void ApplyDirectoryTimes()
    {
        // Directory mtimes change while their children are written, so they are set last, deepest first.
        var times = stackalloc timespec[2];
        foreach (var (relative, time) in _directoryTimes.OrderByDescending(d => d.Key.Count(c => c == '/')))
        {
            var parts = relative.Split('/');
            int parent;
            try
            {
                parent = OpenDirectory(parts, parts.Length - 1, create: false, relative);
            }
            catch (ImageFormatException)
            {
                continue; // replaced by a later entry
            }

            try
            {
                FillTimes(times, time);
                fixed (byte* n = Z(parts[^1]))
                {
                    _ = LibC.utimensat(parent, n, times, LibC.AT_SYMLINK_NOFOLLOW);
                }

            }
            finally
            {
                _ = LibC.close(parent);
            }
        }
    }

    private int OpenAt(int dirfd, string name, int flags, int mode, string entryName)
    {
        var fd = TryOpenAt(dirfd, name, flags, mode);
        return fd >= 0 ? fd : throw Refuse(entryName, $"cannot be opened: {new LinuxException("openat2", name, -fd).Message}");
    }

    /// <summary>openat2 confined to <paramref name="dirfd"/>; returns the fd or -errno.</summary>
    private static int TryOpenAt(int dirfd, string name, int flags, int mode)
    {
        var how = new open_how
        {
            flags = (ulong)flags,
            mode = (ulong)mode,
            resolve = (ulong)(LibC.RESOLVE_IN_ROOT | LibC.RESOLVE_NO_SYMLINKS | LibC.RESOLVE_NO_MAGICLINKS | LibC.RESOLVE_NO_XDEV),
        };
        fixed (byte* p = Z(name))
        {
            var fd = Native.OpenAt2(dirfd, p, &how);
            return fd >= 0 ? fd : -Marshal.GetLastPInvokeError();
        }
    }

    private static byte[] Z(string name) => Encoding.UTF8.GetBytes(name + "\0");

    private void Check(int result, string operation, string entryName)
    {
        if (result != 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            throw new ImageFormatException($"layer {_layerName}: entry '{entryName}': {new LinuxException(operation, null, errno).Message}");
        }
    }

    private static ushort Mode(TarEntry entry) => (ushort)((int)entry.Mode & 0xFFF);

    private static void FillTimes(timespec* times, DateTimeOffset time)
    {
        var seconds = time.ToUnixTimeSeconds();
        var nanoseconds = (time.UtcTicks % TimeSpan.TicksPerSecond) * 100;
        times[0].tv_sec = seconds;
        times[0].tv_nsec = (long_t)nanoseconds;
        times[1] = times[0];
    }

    private ImageFormatException Refuse(string entryName, string reason) =>
        new($"layer {_layerName}: entry '{entryName}' {reason}");
}
