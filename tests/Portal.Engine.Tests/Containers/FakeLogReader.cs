using System.Runtime.CompilerServices;
using Portal.Engine.Logs;

namespace Portal.Engine.Tests.Containers;

internal sealed class FakeLogReader : ILogReader
{
    public Task? LastEnded { get; private set; }

    public async IAsyncEnumerable<LogEntry> ReadAsync(string logPath, LogReadOptions options, Task containerExited, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        LastEnded = containerExited;
        yield return new LogEntry(DateTimeOffset.UtcNow, LogStream.Stdout, "first\n"u8.ToArray());
        if (options.Follow)
        {
            await containerExited.WaitAsync(cancellationToken);
            yield return new LogEntry(DateTimeOffset.UtcNow, LogStream.Stdout, "last\n"u8.ToArray());
        }
    }
}
