using System.Formats.Tar;
using System.Globalization;

namespace Portal.Engine.Images;

/// <summary>The content of one layer to write: a directory tree on disk or a list of entries.</summary>
public sealed class LayerSource
{
    private readonly string? _directory;
    private readonly IReadOnlyList<LayerEntry> _entries = [];

    private LayerSource(string? directory, IReadOnlyList<LayerEntry> entries)
    {
        _directory = directory;
        _entries = entries;
    }

    /// <summary>Every file, directory and symlink below <paramref name="directory"/>, owned by root in the image.</summary>
    public static LayerSource FromDirectory(string directory) => new(Path.GetFullPath(directory), []);

    public static LayerSource FromEntries(params IEnumerable<LayerEntry> entries) => new(null, [.. entries]);

    /// <summary>An uncompressed layer tar; every entry gets <paramref name="time"/> so the output is reproducible.</summary>
    internal byte[] BuildTar(DateTimeOffset time)
    {
        using var output = new MemoryStream();
        using (var writer = new TarWriter(output, TarEntryFormat.Pax, leaveOpen: true))
        {
            foreach (var entry in _directory is null ? _entries : ReadDirectory(_directory))
            {
                writer.WriteEntry(ToTar(entry, time));
            }
        }

        return output.ToArray();
    }

    private static PaxTarEntry ToTar(LayerEntry entry, DateTimeOffset time)
    {
        var seconds = time.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        // Fixed atime/ctime records: left out, the writer would stamp the current time and break reproducibility.
        var attributes = new Dictionary<string, string> { ["mtime"] = seconds, ["atime"] = seconds, ["ctime"] = seconds };
        foreach (var (name, value) in entry.Xattrs)
        {
            attributes["SCHILY.xattr." + name] = value;
        }

        var type = entry.Type switch
        {
            LayerEntryType.Directory => TarEntryType.Directory,
            LayerEntryType.Symlink => TarEntryType.SymbolicLink,
            LayerEntryType.Hardlink => TarEntryType.HardLink,
            LayerEntryType.CharDevice => TarEntryType.CharacterDevice,
            LayerEntryType.BlockDevice => TarEntryType.BlockDevice,
            LayerEntryType.Fifo => TarEntryType.Fifo,
            _ => TarEntryType.RegularFile,
        };
        var tar = new PaxTarEntry(type, entry.Name, attributes)
        {
            Mode = entry.Mode,
            Uid = entry.Uid,
            Gid = entry.Gid,
            ModificationTime = time,
        };
        if (entry.LinkTarget is not null)
        {
            tar.LinkName = entry.LinkTarget;
        }

        if (type is TarEntryType.CharacterDevice or TarEntryType.BlockDevice)
        {
            tar.DeviceMajor = entry.DeviceMajor;
            tar.DeviceMinor = entry.DeviceMinor;
        }

        if (type == TarEntryType.RegularFile)
        {
            tar.DataStream = new MemoryStream(entry.Content, writable: false);
        }

        return tar;
    }

    private static IEnumerable<LayerEntry> ReadDirectory(string root)
    {
        var pending = new Stack<string>([root]);
        while (pending.TryPop(out var dir))
        {
            var children = new DirectoryInfo(dir).EnumerateFileSystemInfos().OrderBy(i => i.Name, StringComparer.Ordinal).ToList();
            foreach (var info in children)
            {
                var name = Path.GetRelativePath(root, info.FullName).Replace('\\', '/');
                var mode = OperatingSystem.IsWindows() ? (UnixFileMode)0x1A4 : info.UnixFileMode;
                if (info.LinkTarget is { } target)
                {
                    yield return LayerEntry.Symlink(name, target);
                }
                else if (info is DirectoryInfo)
                {
                    yield return LayerEntry.Directory(name, mode);
                }
                else
                {
                    yield return LayerEntry.File(name, File.ReadAllBytes(info.FullName), mode);
                }
            }

            // Depth-first in name order: children of later siblings are pushed first so earlier ones pop first.
            foreach (var sub in children.OfType<DirectoryInfo>().Where(d => d.LinkTarget is null).Reverse())
            {
                pending.Push(sub.FullName);
            }
        }
    }
}
