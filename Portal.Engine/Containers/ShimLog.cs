using Microsoft.Extensions.Logging;

namespace Portal.Engine.Containers;

internal static partial class ShimLog
{
    [LoggerMessage(EventId = 2001, Level = LogLevel.Debug, Message = "Starting shim for container {Id} in {StateDir}")]
    public static partial void Starting(ILogger logger, string id, string stateDir);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Information, Message = "Container {Id} started: shim {ShimPid}, init {InitPid}")]
    public static partial void Started(ILogger logger, string id, int shimPid, int initPid);

    [LoggerMessage(EventId = 2003, Level = LogLevel.Warning, Message = "Container {Id} failed to start ({ExitCode}): {Error}")]
    public static partial void StartFailed(ILogger logger, string id, int exitCode, string error);

    [LoggerMessage(EventId = 2004, Level = LogLevel.Debug, Message = "Signal {Signal} to init {InitPid}")]
    public static partial void Signalling(ILogger logger, int signal, int initPid);
}
