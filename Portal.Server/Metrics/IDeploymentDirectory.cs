namespace Portal.Server.Metrics;

/// <summary>Deployment names and teams for labelling (the database, or a fake in tests).</summary>
public interface IDeploymentDirectory
{
    /// <summary>The ids it knows; an id with no deployment row (removed, or created outside Portal) is absent.</summary>
    Task<IReadOnlyDictionary<Guid, DeploymentLabels>> LookupAsync(IReadOnlyCollection<Guid> deploymentIds, CancellationToken cancellationToken);
}
