using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Server.Metrics;
using Portal.Server.Security;

namespace Portal.Server.Apis.Metrics;

/// <summary>Every deployment with its newest sample (admins): the dashboard's table of use and its top consumers.</summary>
public static class DeploymentUsageApi
{
    public static void Map(IEndpointRouteBuilder api)
    {
        api.MapGet("/metrics/deployments", ListAsync).WithTags("Metrics").RequireAdmin();
    }

    public static async Task<Ok<List<DeploymentUsageResponse>>> ListAsync(LatestMetrics latest, PortalDbContext db, CancellationToken cancellationToken)
    {
        // One snapshot for the whole answer: the sampler replaces it every second.
        var samples = latest.Current.Deployments.ToDictionary(m => m.DeploymentId);
        var rows = await db.Deployments.AsNoTracking()
            .OrderBy(d => d.Team!.Name).ThenBy(d => d.Name)
            .Select(d => new
            {
                d.Id,
                d.Name,
                d.TeamId,
                Team = d.Team!.Name,
                Appliance = d.ApplianceVersion!.Appliance!.Title,
                Version = d.ApplianceVersion.Version,
                d.ObservedStatus,
            })
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(rows.ConvertAll(d => new DeploymentUsageResponse(
            d.Id, d.Name, d.TeamId, d.Team, d.Appliance, d.Version, d.ObservedStatus.ToString(), samples.GetValueOrDefault(d.Id))));
    }
}
