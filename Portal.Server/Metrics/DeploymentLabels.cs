namespace Portal.Server.Metrics;

/// <summary>What Prometheus labels a deployment's series with besides its id.</summary>
public sealed record DeploymentLabels(string Name, string Team);
