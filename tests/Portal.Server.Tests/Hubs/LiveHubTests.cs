using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Data;
using Portal.Data.Entities;
using Portal.Engine.Containers;
using Portal.Engine.Events;
using Portal.Engine.Logs;
using Portal.Server.Apis.Deployments;
using Portal.Server.Catalogues.Bundles;
using Portal.Server.Deployments;
using Portal.Server.Metrics;
using Portal.Server.Tests.Api;
using Portal.Server.Tests.Docker;
using Portal.Server.Tests.TestSupport;

namespace Portal.Server.Tests.Hubs;

/// <summary>
/// /hubs/live through a real SignalR client over the in-memory server, with the engine behind its interfaces
/// (fakes): who may open which stream, and what each stream delivers. The real engine's streams are proven in
/// Integration/PortalCoreJourneyTests.
/// </summary>
public sealed class LiveHubTests : IAsyncLifetime
{
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(10);
    private readonly FakeEventService events = new();
    private readonly FakeContainerService containers = new(new FakeImageService());
    private readonly PortalApiFactory factory;
    private readonly Dictionary<string, int> userIds = [];
    private int blueTeam;
    private int redTeam;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public LiveHubTests()
    {
        factory = new PortalApiFactory
        {
            TestServices = services =>
            {
                services.AddSingleton<IContainerService>(containers);
                services.AddSingleton<IEventService>(events);
            },
        };
    }

    private TestServer Server => factory.Server;

    public async ValueTask InitializeAsync()
    {
        var admin = await factory.CreateAdminClientAsync();
        blueTeam = (await AdminApiTests.CreateTeamAsync(admin, "Blue")).Id;
        redTeam = (await AdminApiTests.CreateTeamAsync(admin, "Red")).Id;
        foreach (var (user, team) in new[] { ("blue-dev", blueTeam), ("red-dev", redTeam) })
        {
            var created = await PortalApiFactory.CreateUserAsync(admin, user);
            userIds[user] = created.Id;
            Assert.True((await admin.PutAsJsonAsync($"/api/v1/teams/{team}/members/{created.Id}", new { role = "member" }, Ct)).IsSuccessStatusCode);
        }
    }

    public async ValueTask DisposeAsync() => await factory.DisposeAsync();

    [Fact]
    public async Task Without_a_session_the_hub_answers_401_and_a_client_cannot_connect()
    {
        using var anonymous = new HttpClient(Server.CreateHandler()) { BaseAddress = Server.BaseAddress };
        var negotiate = await anonymous.PostAsync("/hubs/live/negotiate?negotiateVersion=1", null, Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, negotiate.StatusCode);
        var connection = new HubConnectionBuilder().WithUrl(new Uri(Server.BaseAddress, "/hubs/live"), o => o.HttpMessageHandlerFactory = _ => Server.CreateHandler()).Build();
        var refused = await Assert.ThrowsAsync<HttpRequestException>(() => connection.StartAsync(Ct));
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
    }

    [Fact]
    public async Task A_member_gets_the_tail_then_new_lines_as_text_and_another_team_is_told_not_found()
    {
        var id = await SeedDeploymentAsync(blueTeam);
        var container = containers.Add(Portal.Server.Deployments.DeploymentLabels.ContainerName(id), ContainerStatus.Running);
        container.Append(LogStream.Stdout, "first\n");
        container.Append(LogStream.Stdout, "second\n");
        container.Append(LogStream.Stderr, "<script>alert(1)</script> \u001b[31mred\u001b[0m\n");
        await using var blue = await LiveHubClient.ConnectAsync(Server, "blue-dev");
        await using var red = await LiveHubClient.ConnectAsync(Server, "red-dev");

        await using var stream = new LiveStream<DeploymentLogLine>("logs", token => blue.StreamAsync<DeploymentLogLine>("DeploymentLogs", id, 2, token));
        var lines = new List<DeploymentLogLine> { await stream.NextAsync(Within), await stream.NextAsync(Within) };
        container.Append(LogStream.Stdout, "third\n");
        lines.Add(await stream.NextAsync(Within));

        Assert.Equal(["second", "<script>alert(1)</script> \u001b[31mred\u001b[0m", "third"], lines.Select(l => l.Text));
        Assert.Equal(["stdout", "stderr", "stdout"], lines.Select(l => l.Stream));
        var denied = await Assert.ThrowsAsync<HubException>(() => LiveHubClient.TakeAsync(red.StreamAsync<DeploymentLogLine>("DeploymentLogs", id, 10, Ct), 1, Within));
        Assert.Contains("Not found", denied.Message, StringComparison.Ordinal);
        var bad = await Assert.ThrowsAsync<HubException>(() => LiveHubClient.TakeAsync(blue.StreamAsync<DeploymentLogLine>("DeploymentLogs", id, -1, Ct), 1, Within));
        Assert.Contains("tail: -1 is out of range", bad.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stats_begin_with_the_newest_sample_then_follow_the_sampler_and_host_stats_are_for_admins_only()
    {
        var id = await SeedDeploymentAsync(blueTeam);
        var latest = factory.Services.GetRequiredService<LatestMetrics>();
        var broadcaster = factory.Services.GetRequiredService<MetricsBroadcaster>();
        var now = DateTimeOffset.UtcNow;
        latest.Update(Host(now, 10), [Deployment(id, now, 1)]);
        await using var blue = await LiveHubClient.ConnectAsync(Server, "blue-dev");
        await using var admin = await LiveHubClient.ConnectAsync(Server, PortalApiFactory.AdminName);

        var deploymentReading = LiveHubClient.TakeAsync(blue.StreamAsync<DeploymentMetrics>("DeploymentStats", id, Ct), 2, Within);
        var hostReading = LiveHubClient.TakeAsync(admin.StreamAsync<HostMetrics>("HostStats", Ct), 2, Within);
        await WaitUntilAsync(() => broadcaster.DeploymentSubscribers(id) > 0 && broadcaster.HostSubscribers > 0);
        broadcaster.Publish(Deployment(id, now.AddSeconds(1), 2));
        broadcaster.Publish(Host(now.AddSeconds(1), 20));

        Assert.Equal([1.0, 2.0], (await deploymentReading).Select(s => s.CpuPercent));
        Assert.Equal([10.0, 20.0], (await hostReading).Select(s => s.CpuPercent));
        var denied = await Assert.ThrowsAsync<HubException>(() => LiveHubClient.TakeAsync(blue.StreamAsync<HostMetrics>("HostStats", Ct), 1, Within));
        Assert.Contains("Forbidden", denied.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Events_come_as_history_then_each_one_as_it_is_saved_by_any_code_path()
    {
        var id = await SeedDeploymentAsync(blueTeam);
        await AddEventAsync(id, "deploy", "deploy requested");
        await AddEventAsync(id, "status", "running");
        await using var blue = await LiveHubClient.ConnectAsync(Server, "blue-dev");

        await using var stream = new LiveStream<DeploymentEventResponse>("events", token => blue.StreamAsync<DeploymentEventResponse>("DeploymentEvents", id, 1, token));
        var history = await stream.NextAsync(Within);
        await AddEventAsync(id, "status", "unhealthy: GET / answered 500");
        var live = await stream.NextAsync(Within);

        Assert.Equal("running", history.Message);
        Assert.Equal(("status", "unhealthy: GET / answered 500"), (live.Kind, live.Message));
    }

    [Fact]
    public async Task Import_progress_streams_to_the_uploader_and_to_nobody_else()
    {
        var admin = await factory.LoginClientAsync(PortalApiFactory.AdminName);
        await AuthTests.CreateVendorAsync(admin, "Acme");
        var dev = await PortalApiFactory.CreateUserAsync(admin, "acme-dev", "vendor", "Acme");
        var colleague = await PortalApiFactory.CreateUserAsync(admin, "acme-other", "vendor", "Acme");
        var importId = Guid.NewGuid();
        await using var uploader = await LiveHubClient.ConnectAsync(Server, "acme-dev");
        await using var other = await LiveHubClient.ConnectAsync(Server, "acme-other");
        var feed = factory.Services.GetRequiredService<ImportProgressFeed>();
        var mine = LiveHubClient.TakeAsync(uploader.StreamAsync<ImportProgressMessage>("ImportProgress", importId, Ct), 100, Within);
        using var stopOther = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var seenByOther = new List<ImportProgressMessage>();
        var otherReading = Task.Run(async () =>
        {
            try
            {
                await foreach (var message in other.StreamAsync<ImportProgressMessage>("ImportProgress", importId, stopOther.Token))
                {
                    seenByOther.Add(message);
                }
            }
            catch (OperationCanceledException)
            {
            }
        }, Ct);
        var vendor = await factory.LoginClientAsync("acme-dev");
        await WaitUntilAsync(() => feed.Subscribers(dev.Id, importId) == 1 && feed.Subscribers(colleague.Id, importId) == 1);

        var upload = await vendor.PostAsync($"/api/v1/catalogues?importId={importId}", new ByteArrayContent("this is not a tar archive at all"u8.ToArray()), Ct);
        var messages = await mine;

        Assert.Equal(HttpStatusCode.UnprocessableEntity, upload.StatusCode);
        Assert.Equal("Receiving", messages[0].Phase);
        var last = messages[^1];
        Assert.True(last.Finished);
        Assert.Equal("Invalid", last.Outcome);
        Assert.True(last.Problems > 0);
        var late = await LiveHubClient.TakeAsync(uploader.StreamAsync<ImportProgressMessage>("ImportProgress", importId, Ct), 1, Within);
        Assert.Equal(last, Assert.Single(late));
        // Publishing is synchronous: had the colleague's subscription been fed, the messages would be on their way.
        stopOther.CancelAfter(TimeSpan.FromMilliseconds(500));
        await otherReading;
        Assert.Empty(seenByOther);
    }

    [Fact]
    public async Task Deployment_changes_reach_the_deployments_team_and_admins_and_the_other_teams_member_gets_nothing()
    {
        var blueApp = await SeedDeploymentAsync(blueTeam);
        var redApp = await SeedDeploymentAsync(redTeam);
        await using var blue = await LiveHubClient.ConnectAsync(Server, "blue-dev");
        await using var red = await LiveHubClient.ConnectAsync(Server, "red-dev");
        await using var admin = await LiveHubClient.ConnectAsync(Server, PortalApiFactory.AdminName);
        var blueReading = TakeChangesAsync(blue, 2);
        var redReading = TakeChangesAsync(red, 2);
        var adminReading = TakeChangesAsync(admin, 4);
        await WaitForChangeSubscribersAsync(3);

        await AddEventAsync(blueApp, "start", "blue 1");
        await AddEventAsync(redApp, "stop", "red 1");
        await AddEventAsync(blueApp, "status", "blue 2");
        await AddEventAsync(redApp, "status", "red 2");

        // One channel per stream keeps the order: had another team's event been sent, it would have come before the second own one.
        Assert.Equal(["blue 1", "blue 2"], (await blueReading).Select(c => c.Message));
        Assert.Equal(["red 1", "red 2"], (await redReading).Select(c => c.Message));
        var seenByAdmin = await adminReading;
        Assert.Equal(["blue 1", "red 1", "blue 2", "red 2"], seenByAdmin.Select(c => c.Message));
        Assert.Equal(new DeploymentChange(redApp, redTeam, "stop", "red 1", seenByAdmin[1].At), seenByAdmin[1]);
        Assert.Equal(blueTeam, seenByAdmin[0].TeamId);
    }

    [Fact]
    public async Task Deployment_changes_follow_team_membership_while_the_stream_runs()
    {
        var blueApp = await SeedDeploymentAsync(blueTeam);
        var redApp = await SeedDeploymentAsync(redTeam);
        var admin = await factory.LoginClientAsync(PortalApiFactory.AdminName);
        await using var red = await LiveHubClient.ConnectAsync(Server, "red-dev");
        await using var changes = Changes(red, "red");
        var first = changes.NextAsync(Within);
        await WaitForChangeSubscribersAsync(1);

        var joined = await admin.PutAsJsonAsync($"/api/v1/teams/{blueTeam}/members/{userIds["red-dev"]}", new { role = "member" }, Ct);
        Assert.True(joined.IsSuccessStatusCode);
        await AddEventAsync(blueApp, "start", "seen while a member");
        Assert.Equal("seen while a member", (await first).Message);

        var left = await admin.DeleteAsync($"/api/v1/teams/{blueTeam}/members/{userIds["red-dev"]}", Ct);
        Assert.True(left.IsSuccessStatusCode);
        await AddEventAsync(blueApp, "stop", "after leaving");
        await AddEventAsync(redApp, "start", "own team");
        Assert.Equal("own team", (await changes.NextAsync(Within)).Message);
    }

    [Fact]
    public async Task A_removed_deployment_still_reaches_its_team_and_a_disabled_user_s_stream_ends()
    {
        var blueApp = await SeedDeploymentAsync(blueTeam);
        await using var blue = await LiveHubClient.ConnectAsync(Server, "blue-dev");
        await using var changes = Changes(blue, "blue");
        var first = changes.NextAsync(Within);
        await WaitForChangeSubscribersAsync(1);
        using (var scope = factory.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
            await db.Deployments.Where(d => d.Id == blueApp).ExecuteDeleteAsync(Ct);
        }

        // The reconciler saves the removal's last event and deletes the row at once: the stream may read the event after.
        var feed = factory.Services.GetRequiredService<DeploymentEventFeed>();
        feed.Publish(new DeploymentEvent { Id = long.MaxValue, DeploymentId = blueApp, At = DateTimeOffset.UtcNow, Kind = "status", Message = "removed" });
        var removed = await first;
        Assert.Equal((blueApp, blueTeam, "status", "removed"), (removed.DeploymentId, removed.TeamId, removed.Kind, removed.Message));

        var admin = await factory.LoginClientAsync(PortalApiFactory.AdminName);
        Assert.True((await admin.PostAsync($"/api/v1/users/{userIds["blue-dev"]}/disable", null, Ct)).IsSuccessStatusCode);
        var other = await SeedDeploymentAsync(blueTeam);
        await AddEventAsync(other, "start", "after disabling");
        var ended = await Assert.ThrowsAsync<HubException>(() => changes.NextAsync(Within));
        Assert.Contains("Forbidden: this session has ended", ended.Message, StringComparison.Ordinal);
    }

    private static LiveStream<DeploymentChange> Changes(HubConnection connection, string name) =>
        new($"{name} changes", token => connection.StreamAsync<DeploymentChange>("DeploymentChanges", token));

    private static Task<List<DeploymentChange>> TakeChangesAsync(HubConnection connection, int count) =>
        LiveHubClient.TakeAsync(connection.StreamAsync<DeploymentChange>("DeploymentChanges", Ct), count, Within);

    private Task WaitForChangeSubscribersAsync(int count)
    {
        var feed = factory.Services.GetRequiredService<DeploymentEventFeed>();
        return WaitUntilAsync(() => feed.SubscribersOfAll == count);
    }

    private static HostMetrics Host(DateTimeOffset at, double cpu) =>
        new(at, cpu, 2, 1 << 30, 1 << 29, new DiskSpace(100, 50, 50), 0, 0, new LoadAverage(0, 0, 0), TimeSpan.FromHours(1));

    private static DeploymentMetrics Deployment(Guid id, DateTimeOffset at, double cpu) =>
        new(id, at, 1, cpu, 1 << 20, 1 << 26, 0, 0, 0, 0, 3);

    private async Task<Guid> SeedDeploymentAsync(int teamId)
    {
        using var scope = factory.Services.CreateScope();
        return await SeededDeployment.AddAsync(scope.ServiceProvider.GetRequiredService<PortalDbContext>(), teamId);
    }

    private async Task AddEventAsync(Guid id, string kind, string message)
    {
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        db.DeploymentEvents.Add(new DeploymentEvent { DeploymentId = id, At = DateTimeOffset.UtcNow, Kind = kind, Message = message });
        await db.SaveChangesAsync(Ct);
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(Within);
        while (!condition())
        {
            await Task.Delay(10, timeout.Token);
        }
    }
}
