using Portal.Engine.Spec;

namespace Portal.Engine.Logs;

/// <summary>
/// Appends CRI lines to the container log with size-capped rotation (container.log, container.log.1, …).
/// Used by the shim; thread-safe for its stdout and stderr pumps. It writes to a file and never waits on a
/// reader, so a slow `docker logs -f` cannot stall the container.
/// </summary>
public sealed class LogWriter : IDisposable
{
    private readonly Lock gate = new();
    private readonly LogSpec spec;
    private readonly Func<DateTimeOffset> clock;
    private FileStream file;

    public LogWriter(LogSpec spec, Func<DateTimeOffset>? clock = null)
    {
        this.spec = spec;
        this.clock = clock ?? (() => DateTimeOffset.UtcNow);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(spec.Path))!);
        file = Open();
    }

    /// <summary>The rotated files, newest last: container.log.(n-1) … container.log.1, container.log.</summary>
    public static IReadOnlyList<string> Files(string path, int maxFiles)
    {
        var files = new List<string>();
        for (var i = Math.Max(maxFiles, 1) - 1; i >= 1; i--)
        {
            files.Add($"{path}.{i}");
        }

        files.Add(path);
        return files;
    }

    /// <summary>Writes one line of output: <paramref name="content"/> without its newline; <paramref name="full"/>
    /// says whether it had one. Content longer than the line cap is split into partial lines.</summary>
    public void Write(LogStream stream, ReadOnlySpan<byte> content, bool full)
    {
        lock (gate)
        {
            var time = clock();
            while (content.Length > LogFormat.MaxLineBytes)
            {
                Append(LogFormat.Encode(time, stream, content[..LogFormat.MaxLineBytes], full: false));
                content = content[LogFormat.MaxLineBytes..];
            }

            Append(LogFormat.Encode(time, stream, content, full));
        }
    }

    private void Append(byte[] line)
    {
        if (!file.CanWrite)
        {
            // A rotation that failed to reopen (disk full, say) is retried on the next line.
            file = Open();
        }

        if (file.Length > 0 && file.Length + line.Length > spec.MaxBytes)
        {
            Rotate();
        }

        file.Write(line);
        file.Flush();
    }

    private void Rotate()
    {
        file.Dispose();
        var files = Files(spec.Path, spec.MaxFiles);
        File.Delete(files[0]);
        for (var i = 1; i < files.Count; i++)
        {
            if (File.Exists(files[i]))
            {
                File.Move(files[i], files[i - 1], overwrite: true);
            }
        }

        file = Open();
    }

    private FileStream Open() =>
        new(spec.Path, new FileStreamOptions
        {
            Mode = FileMode.Append,
            Access = FileAccess.Write,
            Share = FileShare.ReadWrite | FileShare.Delete,
            BufferSize = 0,
        });

    public void Dispose()
    {
        lock (gate)
        {
            file.Dispose();
        }
    }
}
