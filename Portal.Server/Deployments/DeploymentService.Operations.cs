using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Data.Entities;

namespace Portal.Server.Deployments;

public sealed partial class DeploymentService
{
    /// <summary>
    /// Desired state Running (admitted against host memory again when it was stopped); a container that exited is
    /// started again. Idempotent. <paramref name="expectedVersion"/> (the row's Version, e.g. an ETag) guards against
    /// acting on a stale view.
    /// </summary>
    public async Task<Deployment> StartAsync(int teamId, Guid id, long? expectedVersion, CancellationToken cancellationToken)
    {
        await ChangeAsync(teamId, id, expectedVersion, "start", async (db, d) =>
        {
            if (d.DesiredState == DesiredState.Running)
            {
                return null;
            }

            await AdmitAsync(db, d.Team!, d.Id, d.MemoryLimitBytes, d.NanoCpus, cancellationToken);
            d.DesiredState = DesiredState.Running;
            return "start requested";
        }, cancellationToken);
        await ReconcileAndStartAsync(teamId, id, restart: false, cancellationToken);
        return await GetAsync(teamId, id, cancellationToken);
    }

    public async Task<Deployment> StopAsync(int teamId, Guid id, long? expectedVersion, CancellationToken cancellationToken)
    {
        await ChangeAsync(teamId, id, expectedVersion, "stop", (_, d) =>
        {
            if (d.DesiredState == DesiredState.Stopped)
            {
                return Task.FromResult<string?>(null);
            }

            d.DesiredState = DesiredState.Stopped;
            return Task.FromResult<string?>("stop requested");
        }, cancellationToken);
        await reconciler.ReconcileAsync(id, cancellationToken);
        return await GetAsync(teamId, id, cancellationToken);
    }

    /// <summary>Running, with its container's process started anew.</summary>
    public async Task<Deployment> RestartAsync(int teamId, Guid id, long? expectedVersion, CancellationToken cancellationToken)
    {
        await ChangeAsync(teamId, id, expectedVersion, "restart", async (db, d) =>
        {
            if (d.DesiredState != DesiredState.Running)
            {
                await AdmitAsync(db, d.Team!, d.Id, d.MemoryLimitBytes, d.NanoCpus, cancellationToken);
                d.DesiredState = DesiredState.Running;
            }

            return "restart requested";
        }, cancellationToken);
        await ReconcileAndStartAsync(teamId, id, restart: true, cancellationToken);
        return await GetAsync(teamId, id, cancellationToken);
    }

    /// <summary>
    /// Removes the container and network, and the volumes too when <paramref name="deleteData"/>; then the row.
    /// Returns false when it was already gone. When the engine refuses a step (a network another container still
    /// uses), the deployment stays desired removed with status Failed, the reconciler retries it, and this throws.
    /// </summary>
    public async Task<bool> RemoveAsync(int teamId, Guid id, bool deleteData, long? expectedVersion, CancellationToken cancellationToken)
    {
        try
        {
            await ChangeAsync(teamId, id, expectedVersion, "remove", (_, d) =>
            {
                d.DesiredState = DesiredState.Removed;
                d.DeleteDataOnRemove = deleteData;
                return Task.FromResult<string?>(deleteData ? "remove requested, data deleted" : "remove requested, data kept");
            }, cancellationToken, allowRemoved: true);
        }
        catch (DeploymentException e) when (e.Kind == DeploymentErrorKind.NotFound)
        {
            return false;
        }

        if (await reconciler.ReconcileAsync(id, cancellationToken) is { Status: ObservedStatus.Failed } failed)
        {
            throw new DeploymentException(DeploymentErrorKind.Failed, $"deployment {id}: {failed.Reason}; the removal is retried on every reconcile pass");
        }

        return true;
    }

    /// <summary>
    /// Upgrade to another version of the same appliance: a new container from it with the same volumes; config
    /// values carried over (settings the version dropped are dropped, new ones get defaults, secrets stay). When the
    /// new container does not start, the deployment goes back to the version it ran and the error says why.
    /// </summary>
    public async Task<Deployment> UpgradeAsync(int teamId, Guid id, int targetVersionId, long? expectedVersion, CancellationToken cancellationToken)
    {
        Snapshot? before = null;
        ApplianceVersion? target = null;
        await ChangeAsync(teamId, id, expectedVersion, "upgrade", async (db, d) =>
        {
            target = await db.ApplianceVersions.AsNoTracking().SingleOrDefaultAsync(v => v.Id == targetVersionId, cancellationToken)
                ?? throw new DeploymentException(DeploymentErrorKind.NotFound, $"appliance version {targetVersionId} does not exist");
            var current = d.ApplianceVersion!;
            if (target.ApplianceId != current.ApplianceId)
            {
                throw new DeploymentException(DeploymentErrorKind.Invalid, $"version: appliance version {targetVersionId} belongs to another appliance");
            }

            if (target.Id == current.Id)
            {
                return null;
            }

            before = Snapshot.Of(d);
            await SwitchVersionAsync(db, d, target, d.ApplianceVersionId, cancellationToken);
            return $"upgrade from {current.Version} to {target.Version} requested";
        }, cancellationToken);
        if (before is null)
        {
            return await GetAsync(teamId, id, cancellationToken);
        }

        var observed = await reconciler.ReconcileAsync(id, cancellationToken);
        if (observed is { Status: ObservedStatus.Failed or ObservedStatus.Exited } failed)
        {
            var reason = $"upgrade to {target!.Version} failed: {failed.Reason}";
            await ChangeAsync(teamId, id, null, "upgrade-failed", (_, d) =>
            {
                before.Restore(d);
                return Task.FromResult<string?>($"{reason}; back on the previous version");
            }, cancellationToken);
            await reconciler.ReconcileAsync(id, cancellationToken);
            throw new DeploymentException(DeploymentErrorKind.Failed, reason + "; the deployment is back on the version it ran before");
        }

        return await GetAsync(teamId, id, cancellationToken);
    }

    /// <summary>Back to the version before the last upgrade, same volumes; the version left becomes the one to roll back to.</summary>
    public async Task<Deployment> RollbackAsync(int teamId, Guid id, long? expectedVersion, CancellationToken cancellationToken)
    {
        await ChangeAsync(teamId, id, expectedVersion, "rollback", async (db, d) =>
        {
            var previous = d.PreviousApplianceVersion
                ?? throw new DeploymentException(DeploymentErrorKind.Invalid, $"deployment {d.Name} has no previous version to roll back to");
            var from = d.ApplianceVersion!.Version;
            await SwitchVersionAsync(db, d, previous, d.ApplianceVersionId, cancellationToken);
            return $"rollback from {from} to {previous.Version} requested";
        }, cancellationToken);
        await reconciler.ReconcileAsync(id, cancellationToken);
        return await GetAsync(teamId, id, cancellationToken);
    }

    private async Task SwitchVersionAsync(PortalDbContext db, Deployment d, ApplianceVersion target, int previousId, CancellationToken cancellationToken)
    {
        var manifest = DeploymentManifests.Load(target);
        var stored = DeploymentConfig.Merge(d.ConfigJson, d.SecretConfigJson);
        var (plain, secret) = DeploymentConfig.Validate(manifest.Appliance.Config, DeploymentConfig.CarryOver(stored, manifest.Appliance.Config));
        var memory = Math.Max(d.MemoryLimitBytes, manifest.Appliance.Requirements.MemoryBytes ?? 0);
        if (d.DesiredState != DesiredState.Removed)
        {
            await AdmitAsync(db, d.Team!, d.Id, memory, d.NanoCpus, cancellationToken);
        }

        d.PreviousApplianceVersionId = previousId;
        d.ApplianceVersionId = target.Id;
        d.ConfigJson = plain;
        d.SecretConfigJson = secret;
        d.MemoryLimitBytes = memory;
        d.DesiredState = DesiredState.Running;
    }

    /// <summary>Reconciles, then starts (or restarts) the container when the desired state alone does not.</summary>
    private async Task ReconcileAndStartAsync(int teamId, Guid id, bool restart, CancellationToken cancellationToken)
    {
        var observed = await reconciler.ReconcileAsync(id, cancellationToken);
        if (observed?.ContainerId is not { } containerId)
        {
            return;
        }

        var again = false;
        if (observed.Status == ObservedStatus.Exited)
        {
            await containers.StartAsync(containerId, cancellationToken);
            again = true;
        }
        else if (restart && observed.Status is ObservedStatus.Running or ObservedStatus.Unhealthy or ObservedStatus.Starting && !JustStarted(await EventsAsync(teamId, id, cancellationToken)))
        {
            await containers.RestartAsync(containerId, cancellationToken: cancellationToken);
            again = true;
        }

        if (again)
        {
            await reconciler.ReconcileAsync(id, cancellationToken);
        }
    }

    private static bool JustStarted(IReadOnlyList<DeploymentEvent> events) =>
        events.LastOrDefault(e => e.Kind is "start" or "restart") is { Kind: "start" };

    /// <summary>Loads the deployment tracked, applies <paramref name="change"/> and saves it under its concurrency token.</summary>
    private async Task ChangeAsync(int teamId, Guid id, long? expectedVersion, string kind,
        Func<PortalDbContext, Deployment, Task<string?>> change, CancellationToken cancellationToken, bool allowRemoved = false)
    {
        var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using (db)
        {
            var deployment = await Find(db.Deployments.Include(d => d.Team), teamId, id, cancellationToken);
            if (expectedVersion is { } expected && deployment.Version != expected)
            {
                throw Conflict(deployment);
            }

            if (deployment.DesiredState == DesiredState.Removed && !allowRemoved)
            {
                throw new DeploymentException(DeploymentErrorKind.Conflict, $"deployment {deployment.Name} is being removed");
            }

            var message = await change(db, deployment);
            if (message is null)
            {
                return;
            }

            var now = time.GetUtcNow();
            deployment.UpdatedAt = now;
            db.DeploymentEvents.Add(new DeploymentEvent { DeploymentId = id, At = now, Kind = kind, Message = message });
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateConcurrencyException e)
            {
                throw new DeploymentException(DeploymentErrorKind.Conflict, Conflict(deployment).Message, e);
            }
        }
    }

    private static DeploymentException Conflict(Deployment deployment) =>
        new(DeploymentErrorKind.Conflict, $"deployment {deployment.Name} was changed by another request (now at version {deployment.Version}); reload it and try again");

    /// <summary>The desired-state columns an upgrade changes, to put back when it fails.</summary>
    private sealed record Snapshot(int VersionId, int? PreviousId, string Config, string Secret, long Memory, DesiredState Desired)
    {
        public static Snapshot Of(Deployment d) => new(d.ApplianceVersionId, d.PreviousApplianceVersionId, d.ConfigJson, d.SecretConfigJson, d.MemoryLimitBytes, d.DesiredState);

        public void Restore(Deployment d)
        {
            d.ApplianceVersionId = VersionId;
            d.PreviousApplianceVersionId = PreviousId;
            d.ConfigJson = Config;
            d.SecretConfigJson = Secret;
            d.MemoryLimitBytes = Memory;
            d.DesiredState = Desired;
        }
    }
}
