namespace Portal.Engine.Logs;

/// <summary>Reads a container's rotated log files; never slows the writer.</summary>
public interface ILogReader
{
    /// <summary>Lines matching <paramref name="options"/>; with Follow, new lines until
    /// <paramref name="containerExited"/> completes and the log is drained, or the caller cancels.</summary>
    IAsyncEnumerable<LogEntry> ReadAsync(string logPath, LogReadOptions options, Task containerExited, CancellationToken cancellationToken = default);
}
