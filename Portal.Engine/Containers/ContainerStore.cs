using System.Text.Json;

namespace Portal.Engine.Containers;

/// <summary>
/// Container directories under &lt;root&gt;/containers/&lt;id&gt;/: container.json (the record, replaced
/// atomically), state/ (the shim's files), upper/ and work/ (overlay), rootfs/ (mount point),
/// container.log. A directory without container.json is a create that never finished.
/// </summary>
public sealed class ContainerStore
{
    private const string RecordFile = "container.json";

    public ContainerStore(string rootDirectory)
    {
        Directory = Path.Combine(rootDirectory, "containers");
        System.IO.Directory.CreateDirectory(Directory);
    }

    public string Directory { get; }

    public string PathOf(string id) => Path.Combine(Directory, id);

    public string StateDirectoryOf(string id) => Path.Combine(Directory, id, "state");

    public string LogPathOf(string id) => Path.Combine(Directory, id, "container.log");

    public string RootfsDirectoryOf(string id) => Path.Combine(Directory, id, "rootfs");

    /// <summary>Loads every complete record and deletes leftovers of unfinished creates.</summary>
    public IReadOnlyList<ContainerRecord> LoadAll(Action<string, Exception> onUnreadable)
    {
        var records = new List<ContainerRecord>();
        foreach (var dir in System.IO.Directory.EnumerateDirectories(Directory))
        {
            var file = Path.Combine(dir, RecordFile);
            if (!File.Exists(file))
            {
                DeleteDirectory(dir);
                continue;
            }

            try
            {
                var record = JsonSerializer.Deserialize(File.ReadAllBytes(file), ContainerJsonContext.Default.ContainerRecord);
                if (record is not null)
                {
                    records.Add(record);
                }
            }
            catch (JsonException ex)
            {
                // Kept on disk for inspection rather than deleted: it may hold a user's data in upper/.
                onUnreadable(file, ex);
            }
        }

        return records;
    }

    public void Save(ContainerRecord record)
    {
        var dir = PathOf(record.Id);
        System.IO.Directory.CreateDirectory(dir);
        var tmp = Path.Combine(dir, RecordFile + ".tmp");
        using (var stream = new FileStream(tmp, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            JsonSerializer.Serialize(stream, record, ContainerJsonContext.Default.ContainerRecord);
            stream.Flush(flushToDisk: true);
        }

        File.Move(tmp, Path.Combine(dir, RecordFile), overwrite: true);
    }

    public void Delete(string id)
    {
        var dir = PathOf(id);
        // Drop the record first so a crash midway leaves an unfinished directory that startup sweeps.
        var file = Path.Combine(dir, RecordFile);
        if (File.Exists(file))
        {
            File.Delete(file);
        }

        DeleteDirectory(dir);
    }

    private static void DeleteDirectory(string dir)
    {
        if (System.IO.Directory.Exists(dir))
        {
            System.IO.Directory.Delete(dir, recursive: true);
        }
    }
}
