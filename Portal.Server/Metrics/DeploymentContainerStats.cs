using Portal.Engine.Stats;

namespace Portal.Server.Metrics;

/// <summary>A stats reading of one running container labelled <c>portal.deployment=&lt;id&gt;</c>.</summary>
public sealed record DeploymentContainerStats(Guid DeploymentId, string ContainerId, ContainerStats Stats);
