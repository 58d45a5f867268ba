using Portal.Engine.Errors;

namespace Portal.Engine.Images;

/// <summary>
/// The files of an image archive by their archive names: either spooled from a tar (names map to numbered
/// files in a staging directory, links are kept as names and resolved here, never created on disk) or an
/// OCI layout directory on disk.
/// </summary>
internal sealed class ArchiveContents
{
    private const int MaxLinkHops = 16;

    private readonly string? _directory;
    private readonly Dictionary<string, string> _files = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _digests = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _links = new(StringComparer.Ordinal);

    private ArchiveContents(string? directory) => _directory = directory;

    public static ArchiveContents Spooled() => new(null);

    public static ArchiveContents FromDirectory(string directory) => new(Path.GetFullPath(directory));

    public void AddFile(string name, string path, string sha256Hex)
    {
        _links.Remove(name);
        _files[name] = path;
        _digests[path] = sha256Hex;
    }

    /// <summary>A symlink (target relative to the link's folder) or hardlink (target relative to the root, marked by a leading '/').</summary>
    public void AddLink(string name, string target)
    {
        _files.Remove(name);
        _links[name] = target;
    }

    public bool Contains(string name) => TryResolve(name) is not null;

    public string Resolve(string name, string what) =>
        TryResolve(name) ?? throw new ImageFormatException($"{what}: the archive has no file '{name}'");

    public string Sha256Hex(string path)
    {
        if (!_digests.TryGetValue(path, out var hex))
        {
            hex = Digests.Sha256HexOfFile(path);
            _digests[path] = hex;
        }

        return hex;
    }

    public string? TryResolve(string name)
    {
        var current = ArchivePath.Resolve("", name);
        for (var hop = 0; current is not null && hop <= MaxLinkHops; hop++)
        {
            if (_directory is not null)
            {
                var path = Path.Combine(_directory, current);
                return File.Exists(path) ? path : null;
            }

            if (_files.TryGetValue(current, out var file))
            {
                return file;
            }

            if (!_links.TryGetValue(current, out var target))
            {
                return null;
            }

            var folder = current.Contains('/', StringComparison.Ordinal) ? current[..current.LastIndexOf('/')] : "";
            current = target.StartsWith('/') ? ArchivePath.Resolve("", target[1..]) : ArchivePath.Resolve(folder, target);
        }

        return null;
    }
}
