using System.Formats.Tar;
using System.IO.Compression;
using Portal.Server.Catalogues.Manifests;

namespace Portal.Server.Catalogues.Bundles;

/// <summary>
/// Unpacks a bundle into an empty directory without trusting a name in it: files are created only under names that
/// stay inside the directory; absolute names, "..", devices, fifos and links leaving the bundle are reported and
/// skipped; links inside the bundle become copies of the file they name (so nothing on disk is ever a link). Entry
/// count, per-file and total size are capped. Problems are reported under the path "bundle".
/// </summary>
internal static class BundleExtractor
{
    public const string ProblemPath = "bundle";
    private const int MaxLinkHops = 16;
    private const UnixFileMode PrivateFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>Adds what is wrong to <paramref name="problems"/>; false when the bundle could not be read to its end (nothing more to check).</summary>
    public static async Task<bool> ExtractAsync(string bundlePath, string directory, BundleOptions options, List<ManifestProblem> problems,
        CancellationToken cancellationToken)
    {
        var format = BundleFormats.Detect(bundlePath);
        if (format == BundleFormat.Unknown)
        {
            problems.Add(Problem("not a tar or tar.gz file (told by its first bytes)"));
            return false;
        }

        Directory.CreateDirectory(directory);
        var files = new HashSet<string>(StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var links = new List<(string Name, string Target, bool Hard)>();
        long entries = 0, total = 0;
        try
        {
            await using var file = File.OpenRead(bundlePath);
            await using Stream input = format == BundleFormat.Gzip ? new GZipStream(file, CompressionMode.Decompress) : file;
            await using var reader = new TarReader(input);
            while (await reader.GetNextEntryAsync(copyData: false, cancellationToken).ConfigureAwait(false) is { } entry)
            {
                if (++entries > options.MaxEntries)
                {
                    problems.Add(Problem($"more than {options.MaxEntries} entries (Portal:Catalogues:MaxEntries)"));
                    return false;
                }

                if (entry.EntryType is TarEntryType.GlobalExtendedAttributes)
                {
                    continue;
                }

                var name = EntryName(entry.Name);
                if (name is null)
                {
                    problems.Add(Problem($"entry '{entry.Name}': absolute paths and '..' are not allowed"));
                    continue;
                }

                if (name.Length == 0)
                {
                    continue;
                }

                if (entry.EntryType is not TarEntryType.Directory && !seen.Add(name))
                {
                    problems.Add(Problem($"entry '{name}' appears twice"));
                    continue;
                }

                switch (entry.EntryType)
                {
                    case TarEntryType.Directory:
                        CreateDirectory(directory, name);
                        break;
                    case TarEntryType.RegularFile or TarEntryType.V7RegularFile or TarEntryType.ContiguousFile:
                        if (entry.Length > options.MaxFileBytes)
                        {
                            problems.Add(Problem($"entry '{name}' is {entry.Length} bytes, over the {options.MaxFileBytes}-byte cap per file (Portal:Catalogues:MaxFileBytes)"));
                            continue;
                        }

                        total += entry.Length;
                        if (total > options.MaxExtractedBytes)
                        {
                            problems.Add(Problem($"expands to more than {options.MaxExtractedBytes} bytes (Portal:Catalogues:MaxExtractedBytes)"));
                            return false;
                        }

                        if (!await WriteFileAsync(entry, directory, name, problems, cancellationToken).ConfigureAwait(false))
                        {
                            continue;
                        }

                        files.Add(name);
                        break;
                    case TarEntryType.SymbolicLink:
                        links.Add((name, entry.LinkName, false));
                        break;
                    case TarEntryType.HardLink:
                        links.Add((name, entry.LinkName, true));
                        break;
                    default:
                        problems.Add(Problem($"entry '{name}' is a {Describe(entry.EntryType)}; only files, directories and links inside the bundle are allowed"));
                        break;
                }
            }
        }
        catch (Exception e) when (e is InvalidDataException or EndOfStreamException or FormatException or ArgumentException)
        {
            problems.Add(Problem($"not a valid tar archive (truncated or corrupt): {e.Message}"));
            return false;
        }

        foreach (var (name, target, hard) in links)
        {
            total += CopyLink(directory, name, target, hard, files, links, problems);
            if (total > options.MaxExtractedBytes)
            {
                problems.Add(Problem($"expands to more than {options.MaxExtractedBytes} bytes (Portal:Catalogues:MaxExtractedBytes)"));
                return false;
            }
        }

        return true;
    }

    private static ManifestProblem Problem(string message) => new(ProblemPath, message);

    /// <summary>The entry's name with "." segments and a trailing '/' dropped; null when absolute or it uses "..".</summary>
    private static string? EntryName(string raw)
    {
        if (raw.StartsWith('/') || raw.Contains('\\', StringComparison.Ordinal) || raw.Contains('\0', StringComparison.Ordinal))
        {
            return null;
        }

        var parts = raw.Split('/', StringSplitOptions.RemoveEmptyEntries).Where(p => p != ".").ToList();
        return parts.Contains("..") ? null : string.Join('/', parts);
    }

    private static string Describe(TarEntryType type) => type switch
    {
        TarEntryType.CharacterDevice => "character device",
        TarEntryType.BlockDevice => "block device",
        TarEntryType.Fifo => "fifo",
        _ => $"{type} entry",
    };

    private static void CreateDirectory(string root, string name)
    {
        var path = root;
        foreach (var part in name.Split('/'))
        {
            path = Path.Combine(path, part);
            if (File.Exists(path))
            {
                throw new InvalidDataException($"'{name}' needs a directory where the bundle has a file");
            }

            Directory.CreateDirectory(path);
        }
    }

    private static async Task<bool> WriteFileAsync(TarEntry entry, string root, string name, List<ManifestProblem> problems, CancellationToken cancellationToken)
    {
        var folder = Path.GetDirectoryName(name.Replace('/', Path.DirectorySeparatorChar));
        if (!string.IsNullOrEmpty(folder))
        {
            CreateDirectory(root, folder.Replace(Path.DirectorySeparatorChar, '/'));
        }

        var path = Path.Combine(root, name);
        if (Directory.Exists(path))
        {
            problems.Add(Problem($"entry '{name}' is a file where the bundle has a directory"));
            return false;
        }

        await using var output = new FileStream(path, new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, UnixCreateMode = PrivateFile });
        if (entry.DataStream is not null)
        {
            await entry.DataStream.CopyToAsync(output, cancellationToken).ConfigureAwait(false);
        }

        return true;
    }

    /// <summary>Follows a link (and links it names) to a regular file inside the bundle and copies it; returns the bytes copied.</summary>
    private static long CopyLink(string root, string name, string target, bool hard, HashSet<string> files,
        List<(string Name, string Target, bool Hard)> links, List<ManifestProblem> problems)
    {
        var current = Resolve(name, target, hard);
        for (var hop = 0; current is not null && !files.Contains(current) && hop < MaxLinkHops; hop++)
        {
            var next = links.FirstOrDefault(l => l.Name == current);
            current = next.Name is null ? null : Resolve(next.Name, next.Target, next.Hard);
        }

        if (current is null || !files.Contains(current))
        {
            var leaves = Resolve(name, target, hard) is null;
            problems.Add(Problem(leaves
                ? $"entry '{name}' links to '{target}', outside the bundle"
                : $"entry '{name}' links to '{target}', which is not a file in the bundle"));
            return 0;
        }

        var path = Path.Combine(root, name);
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.Copy(Path.Combine(root, current), path);
        }
        catch (IOException e)
        {
            problems.Add(Problem($"entry '{name}': {e.Message}"));
            return 0;
        }

        files.Add(name);
        return new FileInfo(path).Length;
    }

    private static string? Resolve(string linkName, string target, bool hard)
    {
        var folder = hard || !linkName.Contains('/', StringComparison.Ordinal) ? "" : linkName[..linkName.LastIndexOf('/')];
        return target.Length == 0 ? null : BundlePath.Resolve(folder, target);
    }
}
