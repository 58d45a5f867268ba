using Microsoft.EntityFrameworkCore;
using Portal.Data;

namespace Portal.Server.Metrics;

public sealed class DatabaseDeploymentDirectory(IDbContextFactory<PortalDbContext> contexts) : IDeploymentDirectory
{
    public async Task<IReadOnlyDictionary<Guid, DeploymentLabels>> LookupAsync(IReadOnlyCollection<Guid> deploymentIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(deploymentIds);
        var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        await using (db.ConfigureAwait(false))
        {
            var ids = deploymentIds.ToList();
            return await db.Deployments
                .AsNoTracking()
                .Where(d => ids.Contains(d.Id))
                .Select(d => new { d.Id, d.Name, Team = d.Team!.Name })
                .ToDictionaryAsync(d => d.Id, d => new DeploymentLabels(d.Name, d.Team), cancellationToken)
                .ConfigureAwait(false);
        }
    }
}
