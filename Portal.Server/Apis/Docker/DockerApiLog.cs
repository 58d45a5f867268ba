namespace Portal.Server.Apis.Docker;

internal static partial class DockerApiLog
{
    [LoggerMessage(EventId = 3100, Level = LogLevel.Information, Message = "Docker Engine API listening on unix socket {SocketPath}")]
    public static partial void Listening(ILogger logger, string socketPath);

    [LoggerMessage(EventId = 3101, Level = LogLevel.Error, Message = "Docker API request {Method} {Path} failed")]
    public static partial void RequestFailed(ILogger logger, Exception exception, string method, string path);

    [LoggerMessage(EventId = 3102, Level = LogLevel.Warning, Message = "Docker API {Method} {Path} failed after the response started: {Message}")]
    public static partial void FailedAfterStart(ILogger logger, string method, string path, string message);

    [LoggerMessage(EventId = 3103, Level = LogLevel.Warning, Message = "Image load failed: {Message}")]
    public static partial void LoadFailed(ILogger logger, Exception exception, string message);

    [LoggerMessage(EventId = 3104, Level = LogLevel.Information, Message = "Docker Engine API on {SocketPath} stopped")]
    public static partial void Stopped(ILogger logger, string socketPath);
}
