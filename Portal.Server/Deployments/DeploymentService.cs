using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Data.Entities;
using Portal.Engine.Containers;
using Portal.Server.Catalogues.Manifests;

namespace Portal.Server.Deployments;

/// <summary>
/// Deployments as teams operate them. Every operation is a desired-state change in the database followed by a
/// reconcile of that deployment; callers (endpoints) authorise and pass the acting team. docs/deployments.md.
/// </summary>
public sealed partial class DeploymentService(
    IDbContextFactory<PortalDbContext> dbFactory,
    DeploymentReconciler reconciler,
    ReconcileSignal signal,
    AdmissionControl admission,
    IContainerService containers,
    DeploymentOptions options,
    TimeProvider time) : IDisposable
{
    private const int AdmissionAttempts = 4;

    // Team rows are claimed for quota races between processes; host memory spans teams, so admissions in this
    // process also queue here (one server owns a data directory).
    private readonly SemaphoreSlim admissionGate = new(1, 1);

    public void Dispose() => admissionGate.Dispose();

    public async Task<Deployment> DeployAsync(DeployRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ValidateName(request.Name);
        await admissionGate.WaitAsync(cancellationToken);
        try
        {
            for (var attempt = 1; ; attempt++)
            {
                var db = await dbFactory.CreateDbContextAsync(cancellationToken);
                await using (db)
                {
                    var team = await db.Teams.SingleOrDefaultAsync(t => t.Id == request.TeamId, cancellationToken)
                        ?? throw new DeploymentException(DeploymentErrorKind.NotFound, $"team {request.TeamId} does not exist");
                    var version = await db.ApplianceVersions.AsNoTracking().SingleOrDefaultAsync(v => v.Id == request.ApplianceVersionId, cancellationToken)
                        ?? throw new DeploymentException(DeploymentErrorKind.NotFound, $"appliance version {request.ApplianceVersionId} does not exist");
                    if (await db.Deployments.AnyAsync(d => d.TeamId == team.Id && d.Name == request.Name, cancellationToken))
                    {
                        throw NameTaken(team, request.Name);
                    }

                    var manifest = DeploymentManifests.Load(version);
                    var (plain, secret) = DeploymentConfig.Validate(manifest.Appliance.Config, request.Config);
                    var (memory, nanoCpus) = Limits(manifest, request.MemoryLimitBytes, request.NanoCpus);
                    await AdmitAsync(db, team, null, memory, nanoCpus, cancellationToken);

                    var now = time.GetUtcNow();
                    var deployment = new Deployment
                    {
                        TeamId = team.Id,
                        Name = request.Name,
                        ApplianceVersionId = version.Id,
                        ConfigJson = plain,
                        SecretConfigJson = secret,
                        DesiredState = DesiredState.Running,
                        ObservedStatus = ObservedStatus.Pending,
                        MemoryLimitBytes = memory,
                        NanoCpus = nanoCpus,
                        CreatedByUserId = request.UserId,
                        CreatedAt = now,
                        UpdatedAt = now,
                    };
                    deployment.Events.Add(Event(now, "deploy", $"deploy of appliance version {version.Version} requested ({ByteSize.Format(memory)} memory, {ByteSize.FormatCpus(nanoCpus)} CPUs)"));
                    db.Deployments.Add(deployment);
                    db.Claim(team);
                    try
                    {
                        await db.SaveChangesAsync(cancellationToken);
                    }
                    catch (DbUpdateConcurrencyException) when (attempt < AdmissionAttempts)
                    {
                        continue;
                    }
                    catch (DbUpdateConcurrencyException e)
                    {
                        throw new DeploymentException(DeploymentErrorKind.Conflict, $"team {team.Name} changed while admitting {request.Name}; try again", e);
                    }
                    catch (DbUpdateException e) when (IsUniqueViolation(e))
                    {
                        throw NameTaken(team, request.Name);
                    }

                    signal.Notify();
                    return deployment;
                }
            }
        }
        finally
        {
            admissionGate.Release();
        }
    }

    /// <summary>The deployment of <paramref name="teamId"/> with its appliance versions; NotFound otherwise.</summary>
    public async Task<Deployment> GetAsync(int teamId, Guid id, CancellationToken cancellationToken)
    {
        var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using (db)
        {
            return await Find(db.Deployments.AsNoTracking(), teamId, id, cancellationToken);
        }
    }

    public async Task<IReadOnlyList<Deployment>> ListAsync(int teamId, CancellationToken cancellationToken)
    {
        var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using (db)
        {
            return await db.Deployments.AsNoTracking().Include(d => d.ApplianceVersion).Where(d => d.TeamId == teamId)
                .OrderBy(d => d.Name).ToListAsync(cancellationToken);
        }
    }

    /// <summary>The deployment's events, oldest first.</summary>
    public async Task<IReadOnlyList<DeploymentEvent>> EventsAsync(int teamId, Guid id, CancellationToken cancellationToken)
    {
        var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using (db)
        {
            await Find(db.Deployments.AsNoTracking(), teamId, id, cancellationToken);
            return await db.DeploymentEvents.AsNoTracking().Where(e => e.DeploymentId == id).OrderBy(e => e.At).ThenBy(e => e.Id)
                .ToListAsync(cancellationToken);
        }
    }

    /// <summary>Where the web UI answers; null while the deployment has no published port or its appliance has no web UI.</summary>
    public static WebUiAddress? WebUi(Deployment deployment)
    {
        ArgumentNullException.ThrowIfNull(deployment);
        if (deployment.WebUiHostPort is not { } port || deployment.ApplianceVersion is not { } version)
        {
            return null;
        }

        return DeploymentManifests.Load(version).Appliance.WebUi is { } webUi ? new WebUiAddress(webUi.Scheme, port, webUi.Path) : null;
    }

    /// <summary>The web UI URL: <see cref="DeploymentOptions.PublicHost"/> when set, else <paramref name="requestHost"/>.</summary>
    public Uri? WebUiUrl(Deployment deployment, string requestHost) =>
        WebUi(deployment)?.Url(string.IsNullOrWhiteSpace(options.PublicHost) ? requestHost : options.PublicHost);

    private async Task AdmitAsync(PortalDbContext db, Team team, Guid? self, long memory, long nanoCpus, CancellationToken cancellationToken)
    {
        var problems = await admission.CheckAsync(db, team, self, memory, nanoCpus, desiredRunning: true, cancellationToken);
        if (problems.Count > 0)
        {
            throw new DeploymentException(DeploymentErrorKind.Refused, "refused: " + string.Join("; ", problems), problems);
        }
    }

    private (long Memory, long NanoCpus) Limits(ApplianceManifest manifest, long? memory, long? nanoCpus)
    {
        var required = manifest.Appliance.Requirements.MemoryBytes;
        if (memory is { } given && required is { } needs && given < needs)
        {
            throw new DeploymentException(DeploymentErrorKind.Invalid, $"memory: {ByteSize.Format(given)} is below the {ByteSize.Format(needs)} the appliance requires");
        }

        if (memory is <= 0 || nanoCpus is <= 0)
        {
            throw new DeploymentException(DeploymentErrorKind.Invalid, "memory and cpus limits must be positive");
        }

        var cpus = manifest.Service.Cpus ?? manifest.Appliance.Requirements.Cpus;
        return (memory ?? manifest.Service.MemoryLimitBytes ?? required ?? options.DefaultMemoryBytes,
            nanoCpus ?? (cpus is { } c ? (long)Math.Round(c * 1e9) : options.DefaultNanoCpus));
    }

    /// <summary>A deployment name is a DNS label: it becomes the container's host name.</summary>
    public static void ValidateName(string name)
    {
        if (string.IsNullOrEmpty(name) || !DnsLabel().IsMatch(name))
        {
            throw new DeploymentException(DeploymentErrorKind.Invalid,
                $"name: \"{name}\" is not a DNS label (1-63 lower-case letters, digits and '-', starting and ending with a letter or digit)");
        }
    }

    private static async Task<Deployment> Find(IQueryable<Deployment> deployments, int teamId, Guid id, CancellationToken cancellationToken) =>
        await deployments.Include(d => d.ApplianceVersion).Include(d => d.PreviousApplianceVersion)
            .SingleOrDefaultAsync(d => d.Id == id && d.TeamId == teamId, cancellationToken)
        ?? throw new DeploymentException(DeploymentErrorKind.NotFound, $"deployment {id} does not exist in this team");

    private static DeploymentEvent Event(DateTimeOffset at, string kind, string message) => new() { At = at, Kind = kind, Message = message };

    private static DeploymentException NameTaken(Team team, string name) =>
        new(DeploymentErrorKind.Conflict, $"name: team {team.Name} already has a deployment named {name}");

    private static bool IsUniqueViolation(DbUpdateException e) =>
        e.InnerException is Microsoft.Data.Sqlite.SqliteException { SqliteErrorCode: 19 };

    [GeneratedRegex("^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$")]
    private static partial Regex DnsLabel();
}
