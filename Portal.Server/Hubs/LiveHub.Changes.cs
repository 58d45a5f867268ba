using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Server.Security;

namespace Portal.Server.Hubs;

public sealed partial class LiveHub
{
    /// <summary>
    /// Each new event of every deployment the caller may see, as it is saved. Who may see what is decided per event
    /// from the database (as every HTTP request's principal is): a member added to a team gets that team's events
    /// from the next one on, a member removed gets none after; a disabled user, or a session whose security stamp
    /// changed, ends the stream.
    /// </summary>
    public async IAsyncEnumerable<DeploymentChange> DeploymentChanges([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var userId = Context.User!.TryGetUserId() ?? throw new HubException("Forbidden: this needs a signed-in user.");
        var stamp = Context.User!.FindFirst(PortalClaims.SecurityStamp)?.Value;
        var live = deploymentEvents.SubscribeAll(cancellationToken);

        // A deployment never changes team, and its row is deleted right after its last event: the teams are read
        // ahead (every deployment now, a new one when its first event comes) so its removal still reaches its team.
        var teams = new Dictionary<Guid, int>();
        var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using (db)
        {
            foreach (var row in await db.Deployments.AsNoTracking().Select(d => new { d.Id, d.TeamId }).ToListAsync(cancellationToken))
            {
                teams[row.Id] = row.TeamId;
            }
        }

        await foreach (var ev in live.ReadAllAsync(cancellationToken))
        {
            var team = await TeamOfAsync(teams, ev.DeploymentId, cancellationToken);
            if (team is null)
            {
                // Created and deleted before it could be looked up: nobody can be shown to be allowed to see it.
                continue;
            }

            if (await MayWatchTeamAsync(userId, stamp, team.Value, cancellationToken))
            {
                yield return new DeploymentChange(ev.DeploymentId, team.Value, ev.Kind, ev.Message, ev.At);
            }
        }
    }

    private async Task<int?> TeamOfAsync(Dictionary<Guid, int> teams, Guid deploymentId, CancellationToken cancellationToken)
    {
        if (teams.TryGetValue(deploymentId, out var known))
        {
            return known;
        }

        var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using (db)
        {
            var team = await db.Deployments.Where(d => d.Id == deploymentId).Select(d => (int?)d.TeamId).FirstOrDefaultAsync(cancellationToken);
            if (team is { } found)
            {
                teams[deploymentId] = found;
            }

            return team;
        }
    }

    /// <summary>The user as the database has it now: an admin, or a member of <paramref name="teamId"/>.</summary>
    private async Task<bool> MayWatchTeamAsync(int userId, string? stamp, int teamId, CancellationToken cancellationToken)
    {
        var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using (db)
        {
            var user = await db.Users.AsNoTracking().Where(u => u.Id == userId)
                .Select(u => new { u.Disabled, u.SecurityStamp, u.IsAdmin, Member = u.Memberships.Any(m => m.TeamId == teamId) })
                .FirstOrDefaultAsync(cancellationToken);
            if (user is null || user.Disabled || !string.Equals(user.SecurityStamp.ToString("N"), stamp, StringComparison.Ordinal))
            {
                throw new HubException("Forbidden: this session has ended; sign in again.");
            }

            return user.IsAdmin || user.Member;
        }
    }
}
