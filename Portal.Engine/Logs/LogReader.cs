using System.Runtime.CompilerServices;

namespace Portal.Engine.Logs;

/// <summary>Reads a container log written by <see cref="LogWriter"/>, across its rotated files.</summary>
public static class LogReader
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// The selected entries, oldest first. With <see cref="LogReadOptions.Follow"/> it keeps reading new lines,
    /// also across a rotation (the open file is drained before switching to the new one), and ends once
    /// <paramref name="containerExited"/> has completed and the log is drained, or at <see cref="LogReadOptions.Until"/>.
    /// </summary>
    public static async IAsyncEnumerable<LogEntry> ReadAsync(
        string logPath,
        LogReadOptions options,
        Task containerExited,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var history = new Queue<LogEntry>();
        foreach (var rotated in RotatedFiles(logPath))
        {
            using var old = LogFileCursor.Open(rotated);
            Collect(old?.ReadAvailable(), options, history);
        }

        var cursor = LogFileCursor.Open(logPath);
        try
        {
            Collect(cursor?.ReadAvailable(), options, history);
            foreach (var entry in history)
            {
                yield return entry;
            }

            if (!options.Follow)
            {
                yield break;
            }

            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var exited = containerExited.IsCompleted;
                var batch = cursor?.ReadAvailable() ?? [];
                foreach (var entry in Select(batch, options))
                {
                    yield return entry;
                }

                if (PastUntil(batch, options))
                {
                    yield break;
                }

                if (batch.Count > 0)
                {
                    continue;
                }

                var inode = LogFileCursor.InodeAt(logPath);
                if (inode is not null && inode != cursor?.Inode)
                {
                    // Rotated (or created): drain what the writer added to the old file before renaming it,
                    // then move on to the new one.
                    var tail = cursor?.ReadAvailable() ?? [];
                    cursor?.Dispose();
                    cursor = LogFileCursor.Open(logPath);
                    foreach (var entry in Select(tail, options))
                    {
                        yield return entry;
                    }

                    if (PastUntil(tail, options))
                    {
                        yield break;
                    }

                    continue;
                }

                if (exited)
                {
                    yield break;
                }

                await Task.WhenAny(Task.Delay(PollInterval, cancellationToken), containerExited).ConfigureAwait(false);
            }
        }
        finally
        {
            cursor?.Dispose();
        }
    }

    private static IEnumerable<string> RotatedFiles(string logPath)
    {
        var count = 0;
        while (File.Exists($"{logPath}.{count + 1}"))
        {
            count++;
        }

        for (var i = count; i >= 1; i--)
        {
            yield return $"{logPath}.{i}";
        }
    }

    private static void Collect(List<LogEntry>? entries, LogReadOptions options, Queue<LogEntry> history)
    {
        foreach (var entry in entries ?? [])
        {
            if (!Selected(entry, options) || options.Tail == 0 || (options.Until is { } until && entry.Time > until))
            {
                continue;
            }

            history.Enqueue(entry);
            if (options.Tail is { } tail && history.Count > tail)
            {
                history.Dequeue();
            }
        }
    }

    private static IEnumerable<LogEntry> Select(List<LogEntry> batch, LogReadOptions options) =>
        batch.TakeWhile(e => options.Until is not { } until || e.Time <= until).Where(e => Selected(e, options));

    private static bool PastUntil(List<LogEntry> batch, LogReadOptions options) =>
        options.Until is { } until && batch.Any(e => e.Time > until);

    private static bool Selected(LogEntry entry, LogReadOptions options) =>
        (entry.Stream == LogStream.Stdout ? options.Stdout : options.Stderr)
        && (options.Since is not { } since || entry.Time >= since);
}
