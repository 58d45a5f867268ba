namespace Portal.Client.Contracts;

/// <summary>
/// Body of the operations: <see cref="Version"/> is the deployment's version as the client read it (a stale one is a
/// 409); <see cref="TargetVersionId"/> is the appliance version an upgrade goes to.
/// </summary>
public sealed record DeploymentOperationBody(long? Version = null, int? TargetVersionId = null);
