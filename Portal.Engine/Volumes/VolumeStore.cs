using System.Text.Json;
using Portal.Engine.Errors;
using Portal.Engine.Images;

namespace Portal.Engine.Volumes;

/// <summary>
/// Volumes under &lt;root&gt;/volumes/&lt;name&gt;/: volume.json (the record) and _data/ (what containers see).
/// A volume is staged in a dot-named directory (never a valid volume name) and renamed into place, and removed
/// by renaming it away first, so a crash leaves either a complete volume or a leftover the constructor sweeps.
/// Callers serialise creates and removes.
/// </summary>
public sealed class VolumeStore
{
    public const string LocalDriver = "local";
    private const string RecordFile = "volume.json";
    private const string DataDirectory = "_data";
    private const string StagingPrefix = ".tmp-";
    private const string DeletingPrefix = ".del-";

    public VolumeStore(string rootDirectory)
    {
        Directory = Path.Combine(rootDirectory, "volumes");
        System.IO.Directory.CreateDirectory(Directory);
        foreach (var leftover in System.IO.Directory.EnumerateDirectories(Directory, ".*"))
        {
            var name = Path.GetFileName(leftover);
            if (name.StartsWith(StagingPrefix, StringComparison.Ordinal) || name.StartsWith(DeletingPrefix, StringComparison.Ordinal))
            {
                System.IO.Directory.Delete(leftover, recursive: true);
            }
        }
    }

    public string Directory { get; }

    public string DataPathOf(string name) => Path.Combine(Directory, VolumeNames.Validate(name, "volume name"), DataDirectory);

    public VolumeRecord? Get(string name)
    {
        if (!VolumeNames.IsValid(name))
        {
            return null;
        }

        var file = Path.Combine(Directory, name, RecordFile);
        return File.Exists(file) ? Read(file) : null;
    }

    public IReadOnlyList<VolumeRecord> List()
    {
        var records = new List<VolumeRecord>();
        foreach (var dir in System.IO.Directory.EnumerateDirectories(Directory))
        {
            var file = Path.Combine(dir, RecordFile);
            if (VolumeNames.IsValid(Path.GetFileName(dir)) && File.Exists(file))
            {
                records.Add(Read(file));
            }
        }

        return records;
    }

    /// <summary>Returns the existing volume (created false) or a new empty one.</summary>
    public (VolumeRecord Record, bool Created) Create(string name, IReadOnlyDictionary<string, string> labels, bool anonymous, DateTimeOffset now)
    {
        VolumeNames.Validate(name, "volume name");
        if (Get(name) is { } existing)
        {
            return (existing, false);
        }

        var record = new VolumeRecord
        {
            Name = name,
            CreatedAt = now,
            Labels = new Dictionary<string, string>(labels, StringComparer.Ordinal),
            Anonymous = anonymous,
        };
        var staging = Path.Combine(Directory, StagingPrefix + Guid.NewGuid().ToString("N"));
        try
        {
            System.IO.Directory.CreateDirectory(Path.Combine(staging, DataDirectory));
            File.SetUnixFileMode(Path.Combine(staging, DataDirectory),
                UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead |
                UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
            AtomicFile.Write(Path.Combine(staging, RecordFile), JsonSerializer.SerializeToUtf8Bytes(record, VolumeJsonContext.Default.VolumeRecord));
            System.IO.Directory.Move(staging, Path.Combine(Directory, name));
            AtomicFile.SyncDirectory(Directory);
        }
        catch
        {
            if (System.IO.Directory.Exists(staging))
            {
                System.IO.Directory.Delete(staging, recursive: true);
            }

            throw;
        }

        return (record, true);
    }

    /// <summary>Deletes the volume and its data; false when there was none.</summary>
    public bool Delete(string name)
    {
        if (Get(name) is null)
        {
            return false;
        }

        var doomed = Path.Combine(Directory, DeletingPrefix + Guid.NewGuid().ToString("N"));
        System.IO.Directory.Move(Path.Combine(Directory, name), doomed);
        AtomicFile.SyncDirectory(Directory);
        System.IO.Directory.Delete(doomed, recursive: true);
        return true;
    }

    /// <summary>Bytes of the regular files in the volume's data (symlinks are not followed).</summary>
    public long SizeOf(string name)
    {
        var data = DataPathOf(name);
        if (!System.IO.Directory.Exists(data))
        {
            return 0;
        }

        var options = new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0, IgnoreInaccessible = true };
        return new DirectoryInfo(data).EnumerateFiles("*", options).Where(f => f.LinkTarget is null).Sum(f => f.Length);
    }

    private static VolumeRecord Read(string file) =>
        JsonSerializer.Deserialize(File.ReadAllBytes(file), VolumeJsonContext.Default.VolumeRecord)
        ?? throw new InvalidArgumentException($"{file}: empty volume record");
}
