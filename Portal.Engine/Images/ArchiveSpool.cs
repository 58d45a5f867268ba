using System.Formats.Tar;
using Portal.Engine.Errors;

namespace Portal.Engine.Images;

/// <summary>
/// Copies the entries of an archive stream (possibly a non-seekable HTTP body) into files in a staging
/// directory as they arrive, hashing each on the way, so nothing is held in memory and nothing is
/// created under a name the archive chose.
/// </summary>
internal static class ArchiveSpool
{
    public static async Task<ArchiveContents> SpoolAsync(Stream archive, string directory, EngineOptions options, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(directory);
        var contents = ArchiveContents.Spooled();
        var budget = new ImportBudget(options.ImportMaxBytes, "the archive's files");
        long entries = 0;
        try
        {
            await using var reader = new TarReader(archive, leaveOpen: true);
            while (await reader.GetNextEntryAsync(copyData: false, cancellationToken).ConfigureAwait(false) is { } entry)
            {
                if (++entries > options.ImportMaxEntries)
                {
                    throw new ImageFormatException($"archive: more than {options.ImportMaxEntries} entries (ImportMaxEntries)");
                }

                var parts = ArchivePath.Split(entry.Name, "archive entry");
                if (parts.Length == 0)
                {
                    continue;
                }

                var name = string.Join('/', parts);
                switch (entry.EntryType)
                {
                    case TarEntryType.Directory or TarEntryType.GlobalExtendedAttributes:
                        break;
                    case TarEntryType.RegularFile or TarEntryType.V7RegularFile or TarEntryType.ContiguousFile:
                        var path = Path.Combine(directory, entries.ToString(System.Globalization.CultureInfo.InvariantCulture));
                        var hex = await CopyAsync(entry, path, budget, cancellationToken).ConfigureAwait(false);
                        contents.AddFile(name, path, hex);
                        break;
                    case TarEntryType.SymbolicLink:
                        contents.AddLink(name, entry.LinkName);
                        break;
                    case TarEntryType.HardLink:
                        contents.AddLink(name, "/" + string.Join('/', ArchivePath.Split(entry.LinkName, $"archive hardlink '{name}'")));
                        break;
                    default:
                        throw new ImageFormatException($"archive entry '{entry.Name}' has the unsupported type {entry.EntryType}");
                }
            }
        }
        catch (Exception e) when (e is InvalidDataException or EndOfStreamException or FormatException or ArgumentException)
        {
            throw new ImageFormatException($"archive: not a valid tar (truncated or corrupt): {e.Message}", e);
        }

        return contents;
    }

    private static async Task<string> CopyAsync(TarEntry entry, string path, ImportBudget budget, CancellationToken cancellationToken)
    {
        await using var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, useAsync: false);
        if (entry.DataStream is null)
        {
            return Digests.Sha256Hex([]);
        }

        using var hashing = new HashingReadStream(entry.DataStream, budget, leaveOpen: true);
        await hashing.CopyToAsync(file, 128 * 1024, cancellationToken).ConfigureAwait(false);
        if (hashing.BytesRead != entry.Length)
        {
            throw new ImageFormatException($"archive entry '{entry.Name}' is truncated: {hashing.BytesRead} of {entry.Length} bytes");
        }

        return hashing.FinishHex();
    }
}
