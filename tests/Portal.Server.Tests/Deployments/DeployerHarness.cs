using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Portal.Data;
using Portal.Data.Entities;
using Portal.Server.Deployments;
using Portal.Server.Deployments.Health;

namespace Portal.Server.Tests.Deployments;

/// <summary>
/// A deployer over a real SQLite file in a temp directory and <see cref="FakeDeploymentEngine"/>. Seeds one vendor,
/// catalogue and appliance with the versions given, and team "blue". <see cref="Restart"/> builds a new deployer
/// over the same database and engine, as a server restart would.
/// </summary>
internal sealed class DeployerHarness : IAsyncDisposable
{
    public const long GiB = 1024L * 1024 * 1024;
    private readonly string directory = Path.Combine(Path.GetTempPath(), "portal-deployer-" + Guid.NewGuid().ToString("N"));
    private readonly List<ServiceProvider> others = [];
    private ServiceProvider provider = null!;

    private DeployerHarness()
    {
    }

    public FakeDeploymentEngine Engine { get; } = new();
    public FixedHostMemory HostMemory { get; } = new(16 * GiB);
    public DeploymentOptions Options { get; } = new() { HostMemoryReserveBytes = 1 * GiB };
    public ScriptedProbe Probe { get; } = new();
    public DeploymentService Service { get; private set; } = null!;
    public DeploymentReconciler Reconciler { get; private set; } = null!;
    public DeploymentHealth Health { get; private set; } = null!;
    public IDbContextFactory<PortalDbContext> Db { get; private set; } = null!;
    public int TeamId { get; private set; }
    public Dictionary<string, int> Versions { get; } = [];
    public string DatabasePath => Path.Combine(directory, "portal.db");

    public static async Task<DeployerHarness> CreateAsync(IReadOnlyDictionary<string, string> manifests, Action<Team>? team = null)
    {
        var harness = new DeployerHarness();
        harness.Build();
        await harness.provider.MigratePortalDataAsync(TestContext.Current.CancellationToken);
        await harness.SeedAsync(manifests, team);
        return harness;
    }

    /// <summary>A new deployer (new health state, new caches) over the same database and engine.</summary>
    public async Task RestartAsync()
    {
        await provider.DisposeAsync();
        Build();
    }

    /// <summary>A second deployer over the same database and engine, alive next to the first (another process).</summary>
    public DeploymentService Another()
    {
        var current = provider;
        Build();
        others.Add(provider);
        var service = Service;
        provider = current;
        Service = current.GetRequiredService<DeploymentService>();
        Reconciler = current.GetRequiredService<DeploymentReconciler>();
        Health = current.GetRequiredService<DeploymentHealth>();
        Db = current.GetRequiredService<IDbContextFactory<PortalDbContext>>();
        return service;
    }

    /// <summary>
    /// A reconcile pass, then what the health service does a second after the containers started: tries every web UI
    /// that has not answered yet (<see cref="Probe"/> answers with its <see cref="ScriptedProbe.Failure"/>), and a
    /// reconcile pass records it.
    /// </summary>
    public async Task WebUisAnswerAsync()
    {
        await Reconciler.ReconcileAllAsync(TestContext.Current.CancellationToken);
        await Health.ProbeDueAsync(DateTimeOffset.UtcNow.Add(DeploymentHealth.ReadinessInterval), TestContext.Current.CancellationToken);
        await Reconciler.ReconcileAllAsync(TestContext.Current.CancellationToken);
    }

    public async Task<Deployment> LoadAsync(Guid id)
    {
        var db = await Db.CreateDbContextAsync(TestContext.Current.CancellationToken);
        await using (db)
        {
            return await db.Deployments.AsNoTracking().Include(d => d.ApplianceVersion).Include(d => d.PreviousApplianceVersion)
                .SingleAsync(d => d.Id == id, TestContext.Current.CancellationToken);
        }
    }

    public async Task<List<DeploymentEvent>> EventsAsync(Guid id)
    {
        var db = await Db.CreateDbContextAsync(TestContext.Current.CancellationToken);
        await using (db)
        {
            return await db.DeploymentEvents.AsNoTracking().Where(e => e.DeploymentId == id).OrderBy(e => e.Id).ToListAsync(TestContext.Current.CancellationToken);
        }
    }

    public async Task<Team> AddTeamAsync(string name, Action<Team> quotas)
    {
        var db = await Db.CreateDbContextAsync(TestContext.Current.CancellationToken);
        await using (db)
        {
            var team = new Team { Name = name, CreatedAt = DateTimeOffset.UtcNow };
            quotas(team);
            db.Teams.Add(team);
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
            return team;
        }
    }

    private void Build()
    {
        var services = new ServiceCollection();
        services.AddSingleton<ISecretProtector, TestSecretProtector>();
        services.AddPortalData(DatabasePath);
        services.AddSingleton(Options);
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<IHostMemory>(HostMemory);
        services.AddSingleton<Portal.Engine.Containers.IContainerService>(Engine);
        services.AddSingleton<Portal.Engine.Network.INetworkService>(Engine);
        services.AddSingleton<IDeploymentVolumes>(Engine);
        services.AddSingleton<IHealthProbe>(Probe);
        services.AddSingleton<DeploymentHealth>();
        services.AddSingleton<AdmissionControl>();
        services.AddSingleton<ReconcileSignal>();
        services.AddSingleton<DeploymentReconciler>();
        services.AddSingleton<DeploymentService>();
        services.AddSingleton(typeof(Microsoft.Extensions.Logging.ILogger<>), typeof(NullLogger<>));
        provider = services.BuildServiceProvider();
        Service = provider.GetRequiredService<DeploymentService>();
        Reconciler = provider.GetRequiredService<DeploymentReconciler>();
        Health = provider.GetRequiredService<DeploymentHealth>();
        Db = provider.GetRequiredService<IDbContextFactory<PortalDbContext>>();
    }

    private async Task SeedAsync(IReadOnlyDictionary<string, string> manifests, Action<Team>? quotas)
    {
        var ct = TestContext.Current.CancellationToken;
        var db = await Db.CreateDbContextAsync(ct);
        await using (db)
        {
            var now = DateTimeOffset.UtcNow;
            var vendor = new Vendor { Name = "Example", CreatedAt = now };
            var catalogue = new Catalogue { Vendor = vendor, CatalogueVersion = "1", UploadedAt = now };
            var appliance = new Appliance { Vendor = vendor, StableId = "com.example.app", Title = "App", CreatedAt = now };
            var team = new Team { Name = "blue", CreatedAt = now };
            quotas?.Invoke(team);
            db.Teams.Add(team);
            var rows = manifests.Select(m => new ApplianceVersion
            {
                Appliance = appliance,
                Catalogue = catalogue,
                Version = m.Key,
                ManifestYaml = m.Value,
                ManifestJson = "{}",
                ImageReference = "localhost/app:" + m.Key,
                ImageDigest = "sha256:" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(m.Key))),
                CreatedAt = now,
            }).ToList();
            db.ApplianceVersions.AddRange(rows);
            await db.SaveChangesAsync(ct);
            TeamId = team.Id;
            foreach (var row in rows)
            {
                Versions[row.Version] = row.Id;
            }
        }
    }

    public async Task<string> ImageOfAsync(string version)
    {
        var db = await Db.CreateDbContextAsync(TestContext.Current.CancellationToken);
        await using (db)
        {
            return (await db.ApplianceVersions.SingleAsync(v => v.Id == Versions[version], TestContext.Current.CancellationToken)).ImageDigest;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await provider.DisposeAsync();
        foreach (var other in others)
        {
            await other.DisposeAsync();
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(directory, recursive: true);
    }
}
