namespace Portal.Engine.Logs;

/// <summary>The engine's <see cref="ILogReader"/> over the shim's rotated CRI log files.</summary>
public sealed class ContainerLogReader : ILogReader
{
    public IAsyncEnumerable<LogEntry> ReadAsync(string logPath, LogReadOptions options, Task containerExited, CancellationToken cancellationToken = default) =>
        LogReader.ReadAsync(logPath, options, containerExited, cancellationToken);
}
