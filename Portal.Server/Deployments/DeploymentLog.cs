namespace Portal.Server.Deployments;

internal static partial class DeploymentLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Deployment {Deployment}: {Kind}: {Message}")]
    public static partial void Event(ILogger logger, Guid deployment, string kind, string message);

    [LoggerMessage(EventId = 2, Level = LogLevel.Warning, Message = "Reconcile pass failed")]
    public static partial void PassFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 3, Level = LogLevel.Information, Message = "Removed orphan {Kind} {Name} of deployment {Deployment}")]
    public static partial void OrphanRemoved(ILogger logger, string kind, string name, Guid deployment);

    [LoggerMessage(EventId = 4, Level = LogLevel.Warning, Message = "Health probing failed")]
    public static partial void HealthFailed(ILogger logger, Exception exception);
}
