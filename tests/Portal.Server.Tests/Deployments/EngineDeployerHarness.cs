using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Data;
using Portal.Data.Entities;
using Portal.Engine.Images;
using Portal.Engine.Logs;
using Portal.Server.Catalogues.Demo;
using Portal.Server.Deployments;
using Portal.Server.Tests.TestSupport;

namespace Portal.Server.Tests.Deployments;

/// <summary>
/// The real deployer over the real engine (root) in this process (<see cref="InProcessPortal"/>), a real SQLite file
/// and a temp data directory. Demo images are built with Portal's writer and loaded into the engine; their
/// appliance versions are rows with the manifests the tests give. Web UIs are published on 127.0.0.1 and the
/// reconcile loop runs every second. <see cref="RestartAsync"/> is a server restart over the same directory.
/// Disposing removes every container and network of the engine and the host state of its bridges.
/// </summary>
internal sealed class EngineDeployerHarness : IAsyncDisposable
{
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);
    private readonly string directory = Directory.CreateTempSubdirectory("portal-deployer-it-").FullName;
    private readonly Dictionary<string, string> imageIds = [];
    private int applianceVersions;

    private EngineDeployerHarness()
    {
    }

    public InProcessPortal Portal { get; private set; } = null!;

    /// <summary>The log of every portal this harness started.</summary>
    public TestLogCollector Log { get; } = new();

    public string DataDirectory => Path.Combine(directory, "data");

    public string DatabasePath => Path.Combine(DataDirectory, "portal.db");

    public int TeamId { get; private set; }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Dictionary<string, string?> Settings => new()
    {
        ["Portal:Deployments:PublishAddress"] = "127.0.0.1",
        ["Portal:Deployments:ReconcileInterval"] = "00:00:01",
        ["Portal:Deployments:HostMemoryReserveBytes"] = "0",
    };

    public static async Task<EngineDeployerHarness> StartAsync()
    {
        var harness = new EngineDeployerHarness();
        try
        {
            harness.Portal = await InProcessPortal.StartAsync(harness.DataDirectory, Settings, harness.Log, Ct);
            harness.TeamId = await harness.SeedTeamAsync();
        }
        catch
        {
            await harness.DisposeAsync();
            throw;
        }

        return harness;
    }

    /// <summary>A server restart: the engine and the deployer are disposed and built again over the same directory.</summary>
    public async Task RestartAsync()
    {
        await Portal.DisposeAsync();
        Portal = await InProcessPortal.StartAsync(DataDirectory, Settings, Log, Ct);
    }

    /// <summary>
    /// Loads the demo image <paramref name="slug"/>:<paramref name="version"/> into the engine (once) and adds an appliance
    /// version row <paramref name="applianceId"/> <paramref name="version"/> with <paramref name="manifest"/>; returns its id.
    /// With <paramref name="missingImage"/> the row names an image digest the engine does not have.
    /// </summary>
    public async Task<int> AddVersionAsync(string applianceId, string slug, string version, string manifest, bool missingImage = false)
    {
        var demo = DemoImages.Appliances.Single(a => a.Slug == slug);
        var key = demo.ImageTag(version);
        var imageId = "sha256:" + new string('0', 64);
        if (!missingImage && !imageIds.TryGetValue(key, out imageId))
        {
            using var archive = new MemoryStream();
            OciImageWriter.WriteDockerArchive(DemoImages.Build(demo, version), archive);
            archive.Position = 0;
            imageId = Assert.Single(await Portal.Images.LoadAsync(archive, Ct)).Id;
            imageIds[key] = imageId;
        }

        var db = await DbAsync();
        await using (db)
        {
            var vendor = await db.Vendors.SingleOrDefaultAsync(v => v.Name == "demo", Ct) ?? new Vendor { Name = "demo", CreatedAt = DateTimeOffset.UtcNow };
            var appliance = await db.Appliances.SingleOrDefaultAsync(a => a.StableId == applianceId, Ct)
                ?? new Appliance { Vendor = vendor, StableId = applianceId, Title = demo.Title, CreatedAt = DateTimeOffset.UtcNow };
            var row = new ApplianceVersion
            {
                Appliance = appliance,
                Catalogue = new Catalogue { Vendor = vendor, CatalogueVersion = (++applianceVersions).ToString(System.Globalization.CultureInfo.InvariantCulture), UploadedAt = DateTimeOffset.UtcNow },
                Version = version,
                ManifestYaml = manifest,
                ManifestJson = "{}",
                ImageReference = key,
                ImageDigest = imageId,
                CreatedAt = DateTimeOffset.UtcNow,
            };
            db.ApplianceVersions.Add(row);
            await db.SaveChangesAsync(Ct);
            return row.Id;
        }
    }

    public Task<Deployment> DeployAsync(int versionId, string name, JsonObject? config = null) =>
        Portal.Deployments.DeployAsync(new DeployRequest(TeamId, versionId, name, config), Ct);

    public Task<Deployment> GetAsync(Guid id) => Portal.Deployments.GetAsync(TeamId, id, Ct);

    /// <summary>Polls the deployment until <paramref name="done"/> holds (the reconcile loop converges asynchronously).</summary>
    public async Task<Deployment> WaitForAsync(Guid id, Func<Deployment, bool> done, string what)
    {
        var until = DateTimeOffset.UtcNow + Deadline;
        Deployment current;
        while (!done(current = await GetAsync(id)))
        {
            if (DateTimeOffset.UtcNow > until)
            {
                var events = await Portal.Deployments.EventsAsync(TeamId, id, Ct);
                Assert.Fail($"deployment {current.Name} never became {what}: it is {current.ObservedStatus} ({current.StatusReason}); events:\n"
                    + string.Join('\n', events.Select(e => $"{e.Kind}: {e.Message}")) + "\nlog:\n" + Log.Text);
            }

            await Task.Delay(200, Ct);
        }

        return current;
    }

    /// <summary>Running with a published web UI: its URL on 127.0.0.1.</summary>
    public async Task<(Deployment Deployment, Uri WebUi)> WaitForWebUiAsync(Guid id)
    {
        var running = await WaitForAsync(id, d => d is { ObservedStatus: ObservedStatus.Running, WebUiHostPort: not null }, "running with a web UI port");
        return (running, Portal.Deployments.WebUiUrl(running, "127.0.0.1") ?? throw new InvalidOperationException("no web UI URL"));
    }

    public async Task<PortalDbContext> DbAsync() =>
        await Portal.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync(CancellationToken.None);

    /// <summary>The container's log lines so far (for failure messages).</summary>
    public async Task<string> LogsAsync(string containerId)
    {
        var lines = new List<string>();
        await foreach (var entry in Portal.Containers.GetLogsAsync(containerId, new LogReadOptions(), Ct))
        {
            lines.Add(System.Text.Encoding.UTF8.GetString(entry.Line.Span));
        }

        return string.Join('\n', lines);
    }

    private async Task<int> SeedTeamAsync()
    {
        var db = await DbAsync();
        await using (db)
        {
            var team = new Team { Name = "blue", CreatedAt = DateTimeOffset.UtcNow };
            db.Teams.Add(team);
            await db.SaveChangesAsync(Ct);
            return team.Id;
        }
    }

    public async ValueTask DisposeAsync()
    {
        var failures = new List<Exception>();
        async Task Step(Func<Task> step)
        {
            try
            {
                await step();
            }
            catch (Exception e)
            {
                failures.Add(e);
            }
        }

        if (Portal is not null)
        {
            // Through the deployer first, so its loop does not re-create what is removed behind its back.
            await Step(async () =>
            {
                var db = await DbAsync();
                await using (db)
                {
                    await db.Deployments.ExecuteUpdateAsync(u => u.SetProperty(d => d.DesiredState, DesiredState.Removed).SetProperty(d => d.DeleteDataOnRemove, true), CancellationToken.None);
                }

                await Portal.Reconciler.ReconcileAllAsync(CancellationToken.None);
            });
            await Step(async () =>
            {
                foreach (var container in await Portal.Containers.ListAsync(all: true, CancellationToken.None))
                {
                    await Portal.Containers.RemoveAsync(container.Id, force: true, CancellationToken.None);
                }
            });
            await Step(async () =>
            {
                foreach (var network in Portal.Networks.ListNetworks().Where(n => n.Labels.ContainsKey(DeploymentLabels.Deployment)))
                {
                    await Portal.Networks.RemoveNetworkAsync(network.Id, CancellationToken.None);
                }
            });
            await Step(async () => await Portal.DisposeAsync());
        }

        if (Environment.GetEnvironmentVariable("PORTAL_TEST_LOG") is { Length: > 0 } file)
        {
            await File.AppendAllTextAsync(file, Log.Text + "\n", CancellationToken.None);
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        await Step(() => HostNetworkCleanup.ReleaseAsync(directory));
        await Step(() => Task.Run(() => Directory.Delete(directory, recursive: true)));
        if (failures.Count > 0)
        {
            throw new AggregateException("cleaning up after the deployer test failed; log:\n" + Log.Text, failures);
        }
    }
}
