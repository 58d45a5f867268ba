using Microsoft.Extensions.Logging;

namespace Portal.Engine.Containers;

internal static partial class EngineLog
{
    [LoggerMessage(EventId = 100, Level = LogLevel.Information, Message = "Container {Id} ({Name}) created from {Image}")]
    public static partial void Created(ILogger logger, string id, string name, string image);

    [LoggerMessage(EventId = 101, Level = LogLevel.Information, Message = "Container {Id} started, PID 1 is host pid {Pid}")]
    public static partial void Started(ILogger logger, string id, int pid);

    [LoggerMessage(EventId = 102, Level = LogLevel.Information, Message = "Container {Id} exited with code {ExitCode} (OOM killed: {OomKilled})")]
    public static partial void Exited(ILogger logger, string id, int exitCode, bool oomKilled);

    [LoggerMessage(EventId = 103, Level = LogLevel.Information, Message = "Container {Id} re-adopted after restart, PID 1 is host pid {Pid}")]
    public static partial void Readopted(ILogger logger, string id, int pid);

    [LoggerMessage(EventId = 104, Level = LogLevel.Information, Message = "Container {Id} exited while the engine was down, code {ExitCode}")]
    public static partial void ExitedWhileDown(ILogger logger, string id, int exitCode);

    [LoggerMessage(EventId = 105, Level = LogLevel.Warning, Message = "Container record {File} is unreadable and was skipped")]
    public static partial void Unreadable(ILogger logger, string file, Exception exception);

    [LoggerMessage(EventId = 106, Level = LogLevel.Warning, Message = "Restart of container {Id} failed")]
    public static partial void RestartFailed(ILogger logger, string id, Exception exception);

    [LoggerMessage(EventId = 107, Level = LogLevel.Warning, Message = "Cleaning up container {Id} failed")]
    public static partial void CleanupFailed(ILogger logger, string id, Exception exception);

    [LoggerMessage(EventId = 108, Level = LogLevel.Information, Message = "Container {Id} removed")]
    public static partial void Removed(ILogger logger, string id);
}
