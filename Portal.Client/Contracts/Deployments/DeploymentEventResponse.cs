namespace Portal.Client.Contracts;

public sealed record DeploymentEventResponse(DateTimeOffset At, string Kind, string Message);
