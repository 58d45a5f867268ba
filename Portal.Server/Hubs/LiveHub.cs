using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Server.Apis.Deployments;
using Portal.Server.Catalogues.Bundles;
using Portal.Server.Deployments;
using Portal.Server.Metrics;
using Portal.Server.Security;

namespace Portal.Server.Hubs;

/// <summary>
/// /hubs/live: server-to-client streams (docs/live.md). Every stream is authorised when it starts: a deployment's
/// streams for members of its team (and admins), host stats for admins, an import's progress for the user who
/// uploads it. Samples come from drop-oldest buffers, so a slow client misses samples and never holds anything up.
/// </summary>
[Authorize]
public sealed partial class LiveHub(
    IDbContextFactory<PortalDbContext> dbFactory,
    DeploymentLogs logs,
    IMetricsLiveFeed metrics,
    LatestMetrics latest,
    DeploymentEventFeed deploymentEvents,
    ImportProgressFeed imports) : Hub
{
    public const string Path = "/hubs/live";
    public const int DefaultTail = 200;
    public const int MaxTail = 10_000;
    public const int MaxEventHistory = 1_000;

    /// <summary>The last <paramref name="tail"/> lines, then new ones until the caller stops the stream.</summary>
    public async IAsyncEnumerable<DeploymentLogLine> DeploymentLogs(Guid deploymentId, int tail,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        Range(nameof(tail), tail, MaxTail);
        await AuthorizeDeploymentAsync(deploymentId, cancellationToken);
        await foreach (var line in logs.FollowAsync(deploymentId, tail, cancellationToken))
        {
            yield return line;
        }
    }

    /// <summary>The newest sample at once when there is one, then one a second while the deployment runs.</summary>
    public async IAsyncEnumerable<DeploymentMetrics> DeploymentStats(Guid deploymentId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await AuthorizeDeploymentAsync(deploymentId, cancellationToken);
        var live = metrics.SubscribeDeployment(deploymentId, cancellationToken);
        var newest = latest.Current.Deployments.FirstOrDefault(d => d.DeploymentId == deploymentId);
        if (newest is not null)
        {
            yield return newest;
        }

        await foreach (var sample in live.ReadAllAsync(cancellationToken))
        {
            if (newest is null || sample.At > newest.At)
            {
                yield return sample;
            }
        }
    }

    /// <summary>The last <paramref name="history"/> events (oldest first), then each new one as it is saved.</summary>
    public async IAsyncEnumerable<DeploymentEventResponse> DeploymentEvents(Guid deploymentId, int history,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        Range(nameof(history), history, MaxEventHistory);
        await AuthorizeDeploymentAsync(deploymentId, cancellationToken);
        var live = deploymentEvents.Subscribe(deploymentId, cancellationToken);
        long lastId;
        List<Data.Entities.DeploymentEvent> past;
        var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using (db)
        {
            // History is everything up to the newest id now; the live feed (subscribed before) brings what comes after.
            lastId = await db.DeploymentEvents.Where(e => e.DeploymentId == deploymentId).MaxAsync(e => (long?)e.Id, cancellationToken) ?? 0;
            past = await db.DeploymentEvents.AsNoTracking().Where(e => e.DeploymentId == deploymentId && e.Id <= lastId)
                .OrderByDescending(e => e.Id).Take(history).ToListAsync(cancellationToken);
        }

        past.Reverse();
        foreach (var ev in past)
        {
            yield return new DeploymentEventResponse(ev.At, ev.Kind, ev.Message);
        }

        await foreach (var ev in live.ReadAllAsync(cancellationToken))
        {
            // Two saves racing may publish out of id order: compare with the history's end only.
            if (ev.Id > lastId)
            {
                yield return new DeploymentEventResponse(ev.At, ev.Kind, ev.Message);
            }
        }
    }

    /// <summary>Host CPU, memory, disk and network once a second; admins only.</summary>
    public async IAsyncEnumerable<HostMetrics> HostStats([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (!Context.User!.IsAdmin())
        {
            throw new HubException("Forbidden: host stats are for admins.");
        }

        var live = metrics.SubscribeHost(cancellationToken);
        var newest = latest.Current.Host;
        if (newest is not null)
        {
            yield return newest;
        }

        await foreach (var sample in live.ReadAllAsync(cancellationToken))
        {
            if (newest is null || sample.At > newest.At)
            {
                yield return sample;
            }
        }
    }

    /// <summary>
    /// The progress of the caller's upload sent with <c>?importId=</c>: where it is now (when it has begun), then
    /// each step; the stream ends after the message with <see cref="ImportProgressMessage.Finished"/>.
    /// </summary>
    public async IAsyncEnumerable<ImportProgressMessage> ImportProgress(Guid importId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var user = Context.User!.TryGetUserId() ?? throw new HubException("Forbidden: this needs a signed-in user.");
        var live = imports.Subscribe(user, importId, cancellationToken);
        long seen = 0;
        if (imports.Latest(user, importId) is { } now)
        {
            seen = now.Sequence;
            yield return now;
            if (now.Finished)
            {
                yield break;
            }
        }

        await foreach (var message in live.ReadAllAsync(cancellationToken))
        {
            if (message.Sequence > seen)
            {
                seen = message.Sequence;
                yield return message;
                if (message.Finished)
                {
                    yield break;
                }
            }
        }
    }

    /// <summary>A deployment the caller may not see is reported exactly like one that does not exist.</summary>
    private async Task AuthorizeDeploymentAsync(Guid deploymentId, CancellationToken cancellationToken)
    {
        var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using (db)
        {
            var team = await db.Deployments.Where(d => d.Id == deploymentId).Select(d => (int?)d.TeamId).FirstOrDefaultAsync(cancellationToken);
            if (team is null || !Context.User!.IsTeamMember(team.Value))
            {
                throw new HubException($"Not found: deployment {deploymentId} does not exist or is not one of your teams'.");
            }
        }
    }

    private static void Range(string name, int value, int max)
    {
        if (value < 0 || value > max)
        {
            throw new HubException($"{name}: {value} is out of range (0..{max}).");
        }
    }
}
