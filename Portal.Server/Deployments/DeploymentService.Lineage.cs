using Microsoft.EntityFrameworkCore;

namespace Portal.Server.Deployments;

public sealed partial class DeploymentService
{
    /// <summary>For each of <paramref name="applianceVersionIds"/>: its appliance and that appliance's newest version.</summary>
    public async Task<IReadOnlyDictionary<int, ApplianceLineage>> LineagesAsync(IEnumerable<int> applianceVersionIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(applianceVersionIds);
        var ids = applianceVersionIds.Distinct().ToList();
        if (ids.Count == 0)
        {
            return new Dictionary<int, ApplianceLineage>();
        }

        var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using (db)
        {
            var appliances = await db.ApplianceVersions.AsNoTracking().Where(v => ids.Contains(v.Id))
                .Select(v => new { v.Id, v.ApplianceId, v.Appliance!.Title }).ToListAsync(cancellationToken);
            var applianceIds = appliances.Select(a => a.ApplianceId).Distinct().ToList();
            // SQLite cannot order by DateTimeOffset: the newest version is picked here, as the catalogue API does.
            var versions = await db.ApplianceVersions.AsNoTracking().Where(v => applianceIds.Contains(v.ApplianceId))
                .Select(v => new { v.Id, v.ApplianceId, v.Version, v.CreatedAt }).ToListAsync(cancellationToken);
            var newest = versions.GroupBy(v => v.ApplianceId)
                .ToDictionary(g => g.Key, g => g.OrderByDescending(v => v.CreatedAt).ThenByDescending(v => v.Id).First());
            return appliances.ToDictionary(a => a.Id, a => new ApplianceLineage(a.ApplianceId, a.Title, newest[a.ApplianceId].Id, newest[a.ApplianceId].Version));
        }
    }
}
