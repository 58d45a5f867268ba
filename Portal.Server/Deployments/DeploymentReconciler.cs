using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Data.Entities;
using Portal.Engine.Containers;
using Portal.Engine.Errors;
using Portal.Engine.Network;
using Portal.Engine.Network.Networks;
using Portal.Server.Deployments.Health;

namespace Portal.Server.Deployments;

/// <summary>
/// Converges the engine towards the desired state in the database (docs/deployments.md). Idempotent: a pass over a
/// converged system calls nothing that changes the engine and writes nothing. One pass at a time.
/// </summary>
public sealed partial class DeploymentReconciler(
    IDbContextFactory<PortalDbContext> dbFactory,
    IContainerService containers,
    INetworkService networks,
    IDeploymentVolumes volumes,
    DeploymentHealth health,
    DeploymentOptions options,
    TimeProvider time,
    ILogger<DeploymentReconciler> logger) : IDisposable
{
    private readonly SemaphoreSlim gate = new(1, 1);

    public void Dispose() => gate.Dispose();

    /// <summary>Converges every deployment, then removes containers and networks labelled with deployments that no longer exist.</summary>
    public async Task ReconcileAllAsync(CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken);
        try
        {
            var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            await using (db)
            {
                var all = await db.Deployments.AsNoTracking().Include(d => d.ApplianceVersion).Include(d => d.PreviousApplianceVersion)
                    .ToListAsync(cancellationToken);
                var engineContainers = await containers.ListAsync(all: true, cancellationToken);
                foreach (var deployment in all)
                {
                    await ConvergeAsync(db, deployment, Labelled(engineContainers, deployment.Id), cancellationToken);
                }

                await RemoveOrphansAsync(all.Select(d => d.Id).ToHashSet(), engineContainers, cancellationToken);
            }
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Converges one deployment now; null when it no longer exists (removed).</summary>
    public async Task<Observation?> ReconcileAsync(Guid id, CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken);
        try
        {
            var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            await using (db)
            {
                var deployment = await db.Deployments.AsNoTracking().Include(d => d.ApplianceVersion).Include(d => d.PreviousApplianceVersion)
                    .SingleOrDefaultAsync(d => d.Id == id, cancellationToken);
                if (deployment is null)
                {
                    return null;
                }

                var engineContainers = await containers.ListAsync(all: true, cancellationToken);
                return await ConvergeAsync(db, deployment, Labelled(engineContainers, id), cancellationToken);
            }
        }
        finally
        {
            gate.Release();
        }
    }

    private static List<ContainerDetails> Labelled(IReadOnlyList<ContainerDetails> all, Guid id) =>
        [.. all.Where(c => DeploymentLabels.DeploymentOf(c.Config.Labels) == id).OrderByDescending(c => c.Created)];

    private async Task<Observation> ConvergeAsync(PortalDbContext db, Deployment deployment, List<ContainerDetails> current, CancellationToken cancellationToken)
    {
        var events = new List<(string Kind, string Message)>();
        Observation observed;
        if (deployment.DesiredState == DesiredState.Removed)
        {
            try
            {
                await RemoveAllAsync(deployment, current, events, cancellationToken);
            }
            catch (EngineException e)
            {
                // Recorded on this deployment and retried next pass; the pass goes on with the others.
                observed = new Observation(ObservedStatus.Failed, "remove failed: " + e.Message, deployment.ContainerId, deployment.WebUiHostPort);
                await SaveAsync(db, deployment, observed, events, cancellationToken);
                return observed;
            }

            await SaveAsync(db, deployment, Observation.Removed, events, cancellationToken);
            await db.Deployments.Where(d => d.Id == deployment.Id && d.DesiredState == DesiredState.Removed).ExecuteDeleteAsync(cancellationToken);
            health.Untrack(deployment.Id);
            return Observation.Removed;
        }

        try
        {
            observed = await ConvergeContainerAsync(deployment, current, events, cancellationToken);
        }
        catch (Exception e) when (e is EngineException or DeploymentException or FormatException)
        {
            observed = new Observation(ObservedStatus.Failed, e.Message, deployment.ContainerId, deployment.WebUiHostPort);
        }

        await SaveAsync(db, deployment, observed, events, cancellationToken);
        return observed;
    }

    private async Task<Observation> ConvergeContainerAsync(Deployment deployment, List<ContainerDetails> current,
        List<(string Kind, string Message)> events, CancellationToken cancellationToken)
    {
        var version = deployment.ApplianceVersion ?? throw new DeploymentException(DeploymentErrorKind.NotFound, "appliance version missing");
        var manifest = DeploymentManifests.Load(version);
        var wanted = current.FirstOrDefault(c => DeploymentLabels.VersionOf(c.Config.Labels) == version.Id
            && c.Name == DeploymentLabels.ContainerName(deployment.Id));
        foreach (var stale in current.Where(c => c != wanted))
        {
            await containers.RemoveAsync(stale.Id, force: true, cancellationToken);
            events.Add(("remove-container", $"removed container {stale.Name} ({Short(stale.Id)}) of appliance version {VersionText(deployment, stale)}"));
        }

        if (deployment.DesiredState == DesiredState.Stopped)
        {
            health.Untrack(deployment.Id);
            if (wanted is { State.Running: true })
            {
                await containers.StopAsync(wanted.Id, cancellationToken: cancellationToken);
                events.Add(("stop", $"stopped container {Short(wanted.Id)}"));
                wanted = await containers.InspectAsync(wanted.Id, cancellationToken);
            }

            return wanted is null
                ? new Observation(ObservedStatus.Exited, "stopped", null, null)
                : Observe(deployment, manifest, wanted) with { Status = ObservedStatus.Exited, Reason = ExitText(wanted, "stopped") };
        }

        if (wanted is null)
        {
            await EnsureNetworkAsync(deployment, events, cancellationToken);
            var attachments = ContainerSpec.Volumes(deployment.Id, manifest);
            foreach (var name in attachments.Select(a => a.Name).OfType<string>())
            {
                await volumes.EnsureAsync(name, LabelsOf(deployment), cancellationToken);
            }

            var values = DeploymentConfig.Merge(deployment.ConfigJson, deployment.SecretConfigJson);
            wanted = await CreateAsync(deployment, version, manifest, values, attachments, cancellationToken);
            events.Add(("create", $"created container {Short(wanted.Id)} from {version.ImageReference} (appliance version {version.Version})"));
        }

        if (wanted.State.Status == ContainerStatus.Created)
        {
            try
            {
                await containers.StartAsync(wanted.Id, cancellationToken);
            }
            catch (EngineException e)
            {
                events.Add(("start-failed", e.Message));
                return new Observation(ObservedStatus.Failed, "start failed: " + e.Message, wanted.Id, null);
            }

            events.Add(("start", $"started container {Short(wanted.Id)}"));
            wanted = await containers.InspectAsync(wanted.Id, cancellationToken);
        }

        return Observe(deployment, manifest, wanted);
    }

    private async Task<ContainerDetails> CreateAsync(Deployment deployment, ApplianceVersion version, Catalogues.Manifests.ApplianceManifest manifest,
        System.Text.Json.Nodes.JsonObject values, IReadOnlyList<VolumeAttachment> attachments, CancellationToken cancellationToken)
    {
        ContainerCreateRequest Request(int? port) =>
            volumes.Attach(ContainerSpec.Build(deployment, version, manifest, values, options, port), attachments);

        try
        {
            try
            {
                // The same host port as before when it is still free, so a bookmarked web UI survives an upgrade.
                return await containers.CreateAsync(Request(deployment.WebUiHostPort), cancellationToken);
            }
            catch (EngineException) when (deployment.WebUiHostPort is not null)
            {
                return await containers.CreateAsync(Request(null), cancellationToken);
            }
        }
        catch (NotFoundException e)
        {
            throw new DeploymentException(DeploymentErrorKind.Failed, $"image {version.ImageReference} ({version.ImageDigest}) is not in the engine: {e.Message}", e);
        }
    }

    private Observation Observe(Deployment deployment, Catalogues.Manifests.ApplianceManifest manifest, ContainerDetails container)
    {
        var webUi = manifest.Appliance.WebUi;
        int? port = webUi is null ? null : container.PortBindings.FirstOrDefault(b => b.ContainerPort == webUi.Port && b.Protocol == "tcp")?.HostPort;
        if (port == 0)
        {
            port = null;
        }

        var state = container.State;
        if (!state.Running)
        {
            health.Untrack(deployment.Id);
            return new Observation(ObservedStatus.Exited, ExitText(container, null), container.Id, port);
        }

        var address = container.NetworkSettings?.IPAddress;
        if (address is null || (webUi is null && manifest.Service.Ports.Count == 0))
        {
            health.Untrack(deployment.Id);
            return new Observation(ObservedStatus.Running, null, container.Id, port);
        }

        var check = manifest.Service.Healthcheck is { Test: ["NONE", ..] } ? null : manifest.Service.Healthcheck;
        var probePort = webUi?.Port ?? manifest.Service.Ports[0].Port;
        var answered = deployment.ContainerId == container.Id && deployment.ObservedStatus is ObservedStatus.Running or ObservedStatus.Unhealthy;
        health.Track(new HealthTarget(deployment.Id, container.Id, state.StartedAt ?? container.Created, address, probePort,
            webUi?.Path ?? "/", webUi?.Scheme ?? "http", check), ready: answered);
        return health.Report(deployment.Id) switch
        {
            { Status: HealthStatus.Unhealthy } report =>
                new Observation(ObservedStatus.Unhealthy, $"health check failed {report.FailingStreak} times: {report.LastFailure}", container.Id, port),
            { Ready: false } => new Observation(ObservedStatus.Starting,
                string.Create(CultureInfo.InvariantCulture, $"waiting for {(webUi is null ? "port" : "the web UI on port")} {probePort} to answer"), container.Id, port),
            _ => new Observation(ObservedStatus.Running, null, container.Id, port),
        };
    }

    private static string ExitText(ContainerDetails container, string? stopped)
    {
        var state = container.State;
        if (state.Status == ContainerStatus.Created)
        {
            return stopped ?? "created, not started";
        }

        var text = string.Create(CultureInfo.InvariantCulture, $"exited with code {state.ExitCode}");
        if (state.OomKilled)
        {
            text += " (out of memory)";
        }

        if (state.Error.Length > 0)
        {
            text += ": " + state.Error;
        }

        return stopped is null ? text : $"{stopped} ({text})";
    }

    private async Task EnsureNetworkAsync(Deployment deployment, List<(string Kind, string Message)> events, CancellationToken cancellationToken)
    {
        var name = DeploymentLabels.NetworkName(deployment.Id);
        if (networks.ListNetworks().Any(n => n.Name == name))
        {
            return;
        }

        await networks.CreateNetworkAsync(new NetworkCreateRequest { Name = name, Labels = LabelsOf(deployment) }, cancellationToken);
        events.Add(("network", $"created network {name}"));
    }

    private async Task RemoveAllAsync(Deployment deployment, List<ContainerDetails> current, List<(string Kind, string Message)> events, CancellationToken cancellationToken)
    {
        foreach (var container in current)
        {
            await containers.RemoveAsync(container.Id, force: true, cancellationToken);
            events.Add(("remove-container", $"removed container {container.Name} ({Short(container.Id)})"));
        }

        var network = networks.ListNetworks().FirstOrDefault(n => n.Name == DeploymentLabels.NetworkName(deployment.Id));
        if (network is not null)
        {
            await networks.RemoveNetworkAsync(network.Id, cancellationToken);
        }

        if (deployment.DeleteDataOnRemove)
        {
            var names = (await volumes.ListAsync(cancellationToken)).Where(v => v.Deployment == deployment.Id).Select(v => v.Name).ToList();
            foreach (var name in names)
            {
                await volumes.RemoveAsync(name, cancellationToken);
            }
        }
    }

    private async Task RemoveOrphansAsync(HashSet<Guid> known, IReadOnlyList<ContainerDetails> engineContainers, CancellationToken cancellationToken)
    {
        foreach (var container in engineContainers)
        {
            if (DeploymentLabels.DeploymentOf(container.Config.Labels) is { } id && !known.Contains(id))
            {
                await containers.RemoveAsync(container.Id, force: true, cancellationToken);
                DeploymentLog.OrphanRemoved(logger, "container", container.Name, id);
            }
        }

        foreach (var network in networks.ListNetworks())
        {
            if (DeploymentLabels.DeploymentOf(network.Labels) is { } id && !known.Contains(id))
            {
                try
                {
                    await networks.RemoveNetworkAsync(network.Id, cancellationToken);
                    DeploymentLog.OrphanRemoved(logger, "network", network.Name, id);
                }
                catch (ForbiddenException)
                {
                    // Still used by a container Portal did not label: leave it to the admin.
                }
            }
        }
    }

    private async Task SaveAsync(PortalDbContext db, Deployment deployment, Observation observed, List<(string Kind, string Message)> events, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var changed = observed.Status != deployment.ObservedStatus || observed.Reason != deployment.StatusReason
            || observed.ContainerId != deployment.ContainerId || observed.WebUiHostPort != deployment.WebUiHostPort;
        if (observed.Status != deployment.ObservedStatus || observed.Reason != deployment.StatusReason)
        {
            events.Add(("status", observed.Reason is null ? Name(observed.Status) : $"{Name(observed.Status)}: {observed.Reason}"));
        }

        foreach (var (kind, message) in events)
        {
            db.DeploymentEvents.Add(new DeploymentEvent { DeploymentId = deployment.Id, At = now, Kind = kind, Message = message });
            DeploymentLog.Event(logger, deployment.Id, kind, message);
        }

        if (events.Count > 0)
        {
            await db.SaveChangesAsync(cancellationToken);
        }

        if (changed && observed.Status != ObservedStatus.Removed)
        {
            // Observed state is not part of the desired state the Version token guards: written without bumping it,
            // so an operation a user is making is never refused because the reconciler looked.
            await db.Deployments.Where(d => d.Id == deployment.Id).ExecuteUpdateAsync(s => s
                .SetProperty(d => d.ObservedStatus, observed.Status)
                .SetProperty(d => d.StatusReason, observed.Reason)
                .SetProperty(d => d.ContainerId, observed.ContainerId)
                .SetProperty(d => d.WebUiHostPort, observed.WebUiHostPort)
                .SetProperty(d => d.UpdatedAt, now), cancellationToken);
        }
    }

    private static Dictionary<string, string> LabelsOf(Deployment deployment) => new(StringComparer.Ordinal)
    {
        [DeploymentLabels.Deployment] = deployment.Id.ToString(),
    };

    private static string VersionText(Deployment deployment, ContainerDetails container) =>
        DeploymentLabels.VersionOf(container.Config.Labels) is { } id
            ? id == deployment.PreviousApplianceVersionId && deployment.PreviousApplianceVersion is { } previous ? previous.Version : id.ToString(CultureInfo.InvariantCulture)
            : "unknown";

    private static string Short(string id) => id.Length > 12 ? id[..12] : id;

    private static string Name(ObservedStatus status) => status.ToString().ToLowerInvariant();
}
