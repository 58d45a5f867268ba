using Microsoft.Extensions.Logging;

namespace Portal.Engine.Cgroups;

internal static partial class CgroupLog
{
    [LoggerMessage(EventId = 3001, Level = LogLevel.Debug, Message = "cgroup write {Path} = {Value}")]
    public static partial void Write(ILogger logger, string path, string value);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Debug, Message = "cgroup created {Path}")]
    public static partial void Created(ILogger logger, string path);

    [LoggerMessage(EventId = 3003, Level = LogLevel.Debug, Message = "cgroup removed {Path}")]
    public static partial void Removed(ILogger logger, string path);

    [LoggerMessage(EventId = 3004, Level = LogLevel.Information, Message = "cgroup {Version} selected, parent {Parent}")]
    public static partial void Selected(ILogger logger, CgroupVersion version, string parent);

    [LoggerMessage(EventId = 3005, Level = LogLevel.Warning, Message = "cgroup {Path}: {Count} processes still present after killing")]
    public static partial void KillIncomplete(ILogger logger, string path, int count);

    [LoggerMessage(EventId = 3006, Level = LogLevel.Warning, Message = "cgroup {Path}: swap limit ignored, the host has no swap accounting")]
    public static partial void SwapUnsupported(ILogger logger, string path);
}
