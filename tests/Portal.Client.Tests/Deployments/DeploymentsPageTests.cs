using System.Net;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using Portal.Client.Components.Deployments;
using Portal.Client.Tests.TestSupport;
using DeploymentsPage = Portal.Client.Pages.Deployments.Deployments;

namespace Portal.Client.Tests.Deployments;

public sealed class DeploymentsPageTests : MudTestContext
{
    private static readonly DateTimeOffset T0 = new(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan ReloadDelay = TimeSpan.FromSeconds(1);
    private readonly FakeHttpHandler _api;
    private readonly FakeLiveStreams _live;

    public DeploymentsPageTests()
    {
        _api = Services.AddFakeApi();
        _live = Services.AddFakeLive();
    }

    private static DeploymentResponse Deployment(string name, string status, string? reason, int versionId, int latestId, string? webUi = null) =>
        new(Guid.NewGuid(), 3, name, versionId, versionId == 1 ? "1.0.0" : "2.0.0", null, "Running", status, reason,
            webUi is null ? null : new Uri(webUi), 256 << 20, 1_000_000_000, T0, T0, 7,
            ApplianceId: 11, ApplianceTitle: "Greeter", LatestApplianceVersionId: latestId, LatestApplianceVersion: latestId == 1 ? "1.0.0" : "2.0.0");

    private IRenderedComponent<DeploymentsPage> RenderPage() =>
        Render<DeploymentsPage>(p => p.Add(x => x.PollInterval, TimeSpan.FromHours(1)).Add(x => x.ReloadDelay, ReloadDelay));

    private int ListReads => _api.Requests.Count(r => r.Method == HttpMethod.Get && r.PathAndQuery == "/api/v1/deployments");

    private static DeploymentChange Change(DeploymentResponse d, string kind, string message) => new(d.Id, d.TeamId, kind, message, T0);

    [Fact]
    public async Task A_burst_of_changes_is_one_reload_that_shows_new_statuses_and_removals()
    {
        var kept = Deployment("kept", "Running", null, 1, 1);
        var removed = Deployment("removed", "Running", null, 1, 1);
        _api.OnGet("/api/v1/deployments", new[] { kept, removed });
        var cut = RenderPage();
        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("tbody tr").Count));
        Assert.Equal(("DeploymentChanges", 0), (_live.Started.Single().Method, _live.Started.Single().Args.Length));
        Assert.Contains("Statuses update live.", cut.Find("[data-live-state]").TextContent, StringComparison.Ordinal);

        _api.OnGet("/api/v1/deployments", new[] { kept with { Status = "Exited", StatusReason = "exited with code 137", Version = 8 } });
        _live.Push("DeploymentChanges", Change(kept, "status", "exited: exited with code 137"));
        _live.Push("DeploymentChanges", Change(removed, "remove", "remove requested, data kept"));
        _live.Push("DeploymentChanges", Change(removed, "status", "removed"));
        await _live.WaitForDeliveredAsync("DeploymentChanges", 3);
        Assert.Equal(1, ListReads);
        _live.Time.Advance(ReloadDelay);

        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("tbody tr")));
        var row = cut.Find("table[aria-label='Deployments'] tbody tr");
        Assert.Equal("Exited", row.QuerySelector("[data-status] .mud-chip")!.TextContent.Trim());
        Assert.Equal("exited with code 137", row.QuerySelector("[data-status-reason]")!.TextContent);
        _live.Time.Advance(ReloadDelay * 10);
        Assert.Equal(2, ListReads);
    }

    [Fact]
    public async Task After_a_reconnect_the_stream_starts_again_and_the_list_is_read_anew()
    {
        var d = Deployment("app", "Running", null, 1, 1);
        _api.OnGet("/api/v1/deployments", new[] { d });
        var cut = RenderPage();
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("tbody tr")));
        _api.OnGet("/api/v1/deployments", new[] { d, Deployment("started-meanwhile", "Creating", null, 1, 1) });

        await cut.InvokeAsync(_live.Reconnect);

        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("tbody tr").Count));
        Assert.Equal(2, _live.StartCount("DeploymentChanges"));
        _live.Push("DeploymentChanges", Change(d, "stop", "stop requested"));
        await _live.WaitForDeliveredAsync("DeploymentChanges", 1);
    }

    [Fact]
    public async Task When_live_updates_stop_the_page_says_so_and_reads_the_list_on_a_timer()
    {
        _api.OnGet("/api/v1/deployments", new[] { Deployment("app", "Running", null, 1, 1) });
        var cut = RenderPage();
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("tbody tr")));

        _live.Fail("DeploymentChanges", new Microsoft.AspNetCore.SignalR.HubException("Forbidden: this session has ended; sign in again."));

        cut.WaitForAssertion(() => Assert.Equal(
            "Live updates stopped: Forbidden: this session has ended; sign in again.; refreshing every 3600 seconds instead.",
            cut.Find("[data-live-state]").TextContent.Trim()));
        _api.OnGet("/api/v1/deployments", new[] { Deployment("app", "Failed", "image gone", 1, 1) });
        await FakeLiveStreams.UntilAsync(() =>
        {
            _live.Time.Advance(TimeSpan.FromHours(1));
            return cut.Find("[data-status] .mud-chip").TextContent.Trim() == "Failed";
        }, "the list read again after an hour");
    }

    [Fact]
    public async Task An_admin_sees_the_names_of_teams_they_are_not_in()
    {
        _api.OnGet("/api/v1/auth/me", new MeResponse(1, "root", null, ["admin"], null, []));
        _api.OnGet("/api/v1/teams", new[] { new TeamResponse(3, "platform", null, null, null, 1, T0, 2, 1) });
        _api.OnGet("/api/v1/deployments", new[] { Deployment("app", "Running", null, 1, 1) });
        await Services.GetRequiredService<Portal.Client.Services.SessionState>().GetAuthenticationStateAsync();

        var cut = RenderPage();

        cut.WaitForAssertion(() => Assert.Equal("platform", cut.Find("tbody tr td[data-label='Team']").TextContent.Trim()));
    }

    [Fact]
    public void Each_deployment_shows_its_status_chip_with_reason_and_the_upgrade_badge_when_newer()
    {
        _api.OnGet("/api/v1/deployments", new[]
        {
            Deployment("old-one", "Running", null, versionId: 1, latestId: 2, webUi: "http://127.0.0.1:40001/"),
            Deployment("new-one", "Unhealthy", "health check failed 3 times: connection refused", versionId: 2, latestId: 2),
        });

        var cut = RenderPage();

        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("tbody tr").Count));
        var rows = cut.FindAll("table[aria-label='Deployments'] tbody tr");
        Assert.Equal("Running", rows[0].QuerySelector("[data-status] .mud-chip")!.TextContent.Trim());
        Assert.Contains("mud-chip-color-success", rows[0].QuerySelector("[data-status] .mud-chip")!.ClassName, StringComparison.Ordinal);
        Assert.Equal("Unhealthy", rows[1].QuerySelector("[data-status] .mud-chip")!.TextContent.Trim());
        Assert.Contains("mud-chip-color-warning", rows[1].QuerySelector("[data-status] .mud-chip")!.ClassName, StringComparison.Ordinal);
        Assert.Equal("health check failed 3 times: connection refused", rows[1].QuerySelector("[data-status-reason]")!.TextContent);
        Assert.Contains("Upgrade available: 2.0.0", rows[0].QuerySelector("[data-upgrade-badge]")!.TextContent, StringComparison.Ordinal);
        Assert.Null(rows[1].QuerySelector("[data-upgrade-badge]"));
        Assert.Contains("Greeter 1.0.0", rows[0].TextContent, StringComparison.Ordinal);
        Assert.Contains("Team 3", rows[0].TextContent, StringComparison.Ordinal);
        Assert.Equal("http://127.0.0.1:40001/", cut.FindAll("a").Single(a => a.TextContent.Contains("Open web UI", StringComparison.Ordinal)).GetAttribute("href"));
        Assert.StartsWith("deployments/3/", cut.FindAll("a").Single(a => a.TextContent == "old-one").GetAttribute("href"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_stop_posts_the_deployment_version_and_a_refusal_is_shown_as_the_server_wrote_it()
    {
        var d = Deployment("app", "Running", null, 1, 1);
        _api.OnGet("/api/v1/deployments", new[] { d })
            .On(HttpMethod.Post, $"/api/v1/teams/3/deployments/{d.Id}/stop",
                _ => FakeHttpHandler.Problem(HttpStatusCode.Conflict, "Conflict", "deployment app changed since you read it (version 7 is not 8)"));

        var cut = RenderPage();
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("tbody tr")));

        await cut.InvokeAsync(() => cut.Find("button[aria-label='Stop app']").Click());

        cut.WaitForAssertion(() => Assert.Contains("Could not stop app: deployment app changed since you read it (version 7 is not 8)",
            cut.Find(".mud-alert").TextContent, StringComparison.Ordinal));
        var post = _api.Requests.Single(r => r.Method == HttpMethod.Post);
        Assert.Contains("\"version\":7", post.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Removing_asks_whether_to_keep_the_data_and_deletes_it_when_asked()
    {
        var dialogs = Render<MudDialogProvider>();
        var d = Deployment("app", "Exited", "exited with code 1", 1, 1);
        _api.OnGet("/api/v1/deployments", new[] { d });
        var deleted = $"/api/v1/teams/3/deployments/{d.Id}?deleteData=true&version=7";
        _api.On(HttpMethod.Delete, deleted, _ => FakeHttpHandler.Json(new { }));
        var cut = RenderPage();
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("tbody tr")));

        await cut.InvokeAsync(() => cut.Find("button[aria-label='Remove app']").Click());
        dialogs.WaitForAssertion(() => Assert.Contains("Keep its data", dialogs.Markup, StringComparison.Ordinal));
        await dialogs.InvokeAsync(() => dialogs.FindAll("button").Single(b => b.TextContent.Contains("Remove and delete data", StringComparison.Ordinal)).Click());

        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("tbody tr")));
        Assert.Contains(_api.Requests, r => r.Method == HttpMethod.Delete && r.PathAndQuery == deleted);
    }

    [Fact]
    public void No_deployments_says_so_and_a_failed_load_shows_the_server_message()
    {
        _api.OnGet("/api/v1/deployments", Array.Empty<DeploymentResponse>());
        var empty = RenderPage();
        empty.WaitForAssertion(() => Assert.Contains("Your teams have no deployments yet.", empty.Markup, StringComparison.Ordinal));

        _api.On(HttpMethod.Get, "/api/v1/deployments", _ => FakeHttpHandler.Problem(HttpStatusCode.ServiceUnavailable, "Unavailable", "the database is locked"));
        var failed = RenderPage();
        failed.WaitForAssertion(() => Assert.Equal("the database is locked", failed.Find(".mud-alert").TextContent.Trim()));
    }

    [Fact]
    public void A_starting_deployment_says_what_it_waits_for_and_offers_its_web_ui_only_once_running()
    {
        _api.OnGet("/api/v1/deployments", new[]
        {
            Deployment("warming", "Starting", "waiting for the web UI on port 8080 to answer", 1, 1, "http://portal.test:40001/"),
            Deployment("ready", "Running", null, 1, 1, "http://portal.test:40002/"),
        });
        var cut = RenderPage();
        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("tbody tr").Count));

        var warming = cut.FindAll("tbody tr").Single(r => r.TextContent.Contains("warming", StringComparison.Ordinal));
        Assert.Equal("Starting", warming.QuerySelector("[data-status] .mud-chip")!.TextContent.Trim());
        Assert.Equal("waiting for the web UI on port 8080 to answer", warming.QuerySelector("[data-status-reason]")!.TextContent);
        Assert.Null(warming.QuerySelector("a[aria-label='Open web UI of warming']"));
        Assert.NotNull(cut.Find("a[aria-label='Open web UI of ready']"));
        Assert.Equal(StatusLook.Of("Creating").Color, StatusLook.Of("Starting").Color);
    }

    [Fact]
    public void Status_looks_pair_every_status_with_a_word_and_a_colour()
    {
        Assert.Equal(Color.Error, StatusLook.Of("Failed").Color);
        Assert.Equal("Exited", StatusLook.Of("Exited").Text);
        Assert.Equal("Something", StatusLook.Of("Something").Text);
    }
}
