namespace Portal.Server.Apis.Deployments;

public sealed record DeploymentEventResponse(DateTimeOffset At, string Kind, string Message);
