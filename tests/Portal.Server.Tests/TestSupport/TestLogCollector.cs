using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Portal.Server.Tests.TestSupport;

/// <summary>Keeps every log line of an in-process host (Debug and up), for failure messages.</summary>
internal sealed class TestLogCollector : ILoggerProvider
{
    private readonly ConcurrentQueue<string> lines = new();

    public string Text => string.Join('\n', lines);

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(TestLogCollector owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Debug;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var line = $"{DateTimeOffset.UtcNow:HH:mm:ss.fff} {logLevel} {category}: {formatter(state, exception)}";
            owner.lines.Enqueue(exception is null ? line : line + "\n  " + exception);
        }
    }
}
