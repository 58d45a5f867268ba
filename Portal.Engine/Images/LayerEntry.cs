namespace Portal.Engine.Images;

/// <summary>One entry of a layer tar as the image writer emits it verbatim (hostile names included, for tests).</summary>
public sealed record LayerEntry
{
    private const UnixFileMode FileMode = (UnixFileMode)0x1A4; // 0644
    private const UnixFileMode DirectoryMode = (UnixFileMode)0x1ED; // 0755

    public required string Name { get; init; }
    public LayerEntryType Type { get; init; } = LayerEntryType.File;
    public byte[] Content { get; init; } = [];
    /// <summary>Symlink target (verbatim) or hardlink target (a name in the same layer).</summary>
    public string? LinkTarget { get; init; }
    public UnixFileMode Mode { get; init; } = FileMode;
    public int Uid { get; init; }
    public int Gid { get; init; }
    public int DeviceMajor { get; init; }
    public int DeviceMinor { get; init; }
    /// <summary>Extended attributes, written as PAX SCHILY.xattr records.</summary>
    public IReadOnlyDictionary<string, string> Xattrs { get; init; } = new Dictionary<string, string>();

    public static LayerEntry File(string name, string content, UnixFileMode mode = FileMode) =>
        File(name, System.Text.Encoding.UTF8.GetBytes(content), mode);

    public static LayerEntry File(string name, byte[] content, UnixFileMode mode = FileMode) =>
        new() { Name = name, Content = content, Mode = mode };

    public static LayerEntry Directory(string name, UnixFileMode mode = DirectoryMode) =>
        new() { Name = name, Type = LayerEntryType.Directory, Mode = mode };

    public static LayerEntry Symlink(string name, string target) =>
        new() { Name = name, Type = LayerEntryType.Symlink, LinkTarget = target, Mode = (UnixFileMode)0x1FF };

    public static LayerEntry Hardlink(string name, string target) =>
        new() { Name = name, Type = LayerEntryType.Hardlink, LinkTarget = target };

    /// <summary>Deletes <paramref name="path"/> of the layers below (".wh.&lt;name&gt;").</summary>
    public static LayerEntry Whiteout(string path)
    {
        var slash = path.LastIndexOf('/');
        return File(slash < 0 ? ".wh." + path : path[..(slash + 1)] + ".wh." + path[(slash + 1)..], []);
    }

    /// <summary>Hides everything the layers below have in <paramref name="directory"/> (".wh..wh..opq").</summary>
    public static LayerEntry Opaque(string directory) => File(directory.TrimEnd('/') + "/.wh..wh..opq", []);
}
