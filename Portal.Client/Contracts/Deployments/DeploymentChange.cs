namespace Portal.Client.Contracts;

/// <summary>
/// An item of the hub's <c>DeploymentChanges</c> stream: a new event of a deployment the caller may see (docs/live.md).
/// <see cref="Kind"/> is the event's kind (<c>deploy</c>, <c>start</c>, <c>stop</c>, <c>status</c>, <c>remove</c>...);
/// a removed deployment's last event is <c>status</c> with the message <c>removed</c>.
/// </summary>
public sealed record DeploymentChange(Guid DeploymentId, int TeamId, string Kind, string Message, DateTimeOffset At);
