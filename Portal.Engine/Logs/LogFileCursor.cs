using Tmds.Linux;

namespace Portal.Engine.Logs;

/// <summary>An open log file read line by line from where the last read stopped; a half-written line stays
/// pending until its newline arrives.</summary>
internal sealed unsafe class LogFileCursor : IDisposable
{
    private readonly FileStream stream;
    private readonly List<byte> pending = [];
    private readonly byte[] buffer = new byte[64 * 1024];

    private LogFileCursor(FileStream stream, ulong inode)
    {
        this.stream = stream;
        Inode = inode;
    }

    public ulong Inode { get; }

    public static LogFileCursor? Open(string path)
    {
        try
        {
            var stream = new FileStream(path, new FileStreamOptions
            {
                Mode = FileMode.Open,
                Access = FileAccess.Read,
                Share = FileShare.ReadWrite | FileShare.Delete,
                BufferSize = 0,
            });
            stat st;
            _ = LibC.fstat((int)stream.SafeFileHandle.DangerousGetHandle(), &st);
            return new LogFileCursor(stream, (ulong)st.st_ino);
        }
        catch (FileNotFoundException)
        {
            return null;
        }
    }

    /// <summary>The inode now at <paramref name="path"/>, or null when nothing is there.</summary>
    public static ulong? InodeAt(string path)
    {
        stat st;
        fixed (byte* p = Interop.LinuxSyscalls.Z(path))
        {
            return LibC.stat(p, &st) == 0 ? (ulong)st.st_ino : null;
        }
    }

    /// <summary>Every complete line written since the last call.</summary>
    public List<LogEntry> ReadAvailable()
    {
        var entries = new List<LogEntry>();
        int read;
        while ((read = stream.Read(buffer)) > 0)
        {
            var span = buffer.AsSpan(0, read);
            int newline;
            while ((newline = span.IndexOf((byte)'\n')) >= 0)
            {
                if (pending.Count == 0)
                {
                    Add(entries, span[..newline]);
                }
                else
                {
                    pending.AddRange(span[..newline]);
                    Add(entries, pending.ToArray());
                    pending.Clear();
                }

                span = span[(newline + 1)..];
            }

            pending.AddRange(span);
        }

        return entries;
    }

    private static void Add(List<LogEntry> entries, ReadOnlySpan<byte> line)
    {
        if (LogFormat.Decode(line) is { } entry)
        {
            entries.Add(entry);
        }
    }

    public void Dispose() => stream.Dispose();
}
