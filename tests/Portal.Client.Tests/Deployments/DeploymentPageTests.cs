using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using Portal.Client.Services;
using Portal.Client.Tests.TestSupport;
using DeploymentPage = Portal.Client.Pages.Deployments.Deployment;

namespace Portal.Client.Tests.Deployments;

/// <summary>The deployment page over a fake API and a fake hub the tests feed.</summary>
public sealed class DeploymentPageTests : MudTestContext
{
    private static readonly DateTimeOffset T0 = new(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private readonly FakeHttpHandler _api;
    private readonly FakeLiveStreams _live;
    private readonly DeploymentResponse _greeter;

    public DeploymentPageTests()
    {
        _api = Services.AddFakeApi();
        _live = Services.AddFakeLive(fakeClock: false);
        _greeter = new DeploymentResponse(Guid.NewGuid(), 3, "greeter", 1, "1.0.0", null, "Running", "Running", null, null, 256 << 20, 1_000_000_000,
            T0, T0, 7, ApplianceId: 11, ApplianceTitle: "Greeter", LatestApplianceVersionId: 2, LatestApplianceVersion: "2.0.0");
        _api.OnGet($"/api/v1/teams/3/deployments/{_greeter.Id}", _greeter)
            .OnGet("/api/v1/appliances/11", new ApplianceResponse(11, "com.example.greeter", "Greeter", null, null, null, "example",
            [
                new ApplianceVersionResponse(2, "2.0.0", null, false, "/icon/2", T0.AddDays(1), 0),
                new ApplianceVersionResponse(1, "1.0.0", null, false, "/icon/1", T0, 1),
            ]))
            .OnGet($"/api/v1/teams/3/deployments/{_greeter.Id}/metrics?range=1h",
                new MetricHistoryResponse("deployment", "tenSeconds", T0, T0.AddHours(1), [new MetricPoint(T0, 5, 1024, 0, 0, 0, 0)]))
            .On(HttpMethod.Post, $"/api/v1/teams/3/deployments/{_greeter.Id}/upgrade",
                _ => FakeHttpHandler.Json(_greeter with { ApplianceVersionId = 2, ApplianceVersion = "2.0.0", PreviousApplianceVersionId = 1, Version = 8 }));
    }

    [Fact]
    public async Task Upgrade_confirms_naming_both_versions_then_posts_the_target_and_the_version_read()
    {
        var dialogs = Render<MudDialogProvider>();
        RenderProviders();
        var cut = Render<DeploymentPage>(p => p.Add(x => x.TeamId, 3).Add(x => x.Id, _greeter.Id));
        cut.WaitForAssertion(() => Assert.Contains("Upgrade available: 2.0.0", cut.Markup, StringComparison.Ordinal));

        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("button"), b => b.TextContent.Trim() == "Upgrade"));
        await cut.InvokeAsync(() => cut.FindAll("button").Single(b => b.TextContent.Trim() == "Upgrade").Click());
        dialogs.WaitForAssertion(() => Assert.Contains("Upgrade greeter from 1.0.0 to 2.0.0?", dialogs.Markup, StringComparison.Ordinal));
        await dialogs.InvokeAsync(() => dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Upgrade").Click());

        cut.WaitForAssertion(() => Assert.Contains("Roll back to 1.0.0", cut.Markup, StringComparison.Ordinal));
        var post = _api.Requests.Single(r => r.Method == HttpMethod.Post);
        Assert.Contains("\"version\":7", post.Body, StringComparison.Ordinal);
        Assert.Contains("\"targetVersionId\":2", post.Body, StringComparison.Ordinal);
        Assert.Contains("2.0.0 is the newest version.", cut.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void The_history_chart_shows_the_range_the_api_returned_and_unreachable_streams_say_so()
    {
        RenderProviders();
        var cut = Render<DeploymentPage>(p => p.Add(x => x.TeamId, 3).Add(x => x.Id, _greeter.Id));

        cut.WaitForAssertion(() => Assert.Contains("Latest: cpu 5 %.", cut.Markup, StringComparison.Ordinal));
        Assert.Contains(_api.Requests, r => r.Method == HttpMethod.Get && r.PathAndQuery.EndsWith("/metrics?range=1h", StringComparison.Ordinal));
        _live.Fail("DeploymentStats", new IOException("The connection to the server was lost."));
        cut.WaitForAssertion(() => Assert.Contains("Live metrics stopped: The connection to the server was lost.", cut.Markup, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Live_samples_redraw_the_page_only_while_the_metrics_tab_is_open_and_it_shows_them_when_opened()
    {
        RenderProviders();
        var cut = Render<DeploymentPage>(p => p.Add(x => x.TeamId, 3).Add(x => x.Id, _greeter.Id));
        cut.WaitForAssertion(() => Assert.Contains("Latest: cpu 5 %.", cut.Markup, StringComparison.Ordinal));
        await _live.WaitForStartedAsync("DeploymentStats", 1);
        var renders = cut.RenderCount;

        _live.Push("DeploymentStats", Sample(T0.AddHours(2), cpu: 42));
        await _live.WaitForDeliveredAsync("DeploymentStats", 1);

        Assert.Equal(renders, cut.RenderCount);
        Assert.DoesNotContain("Latest: cpu 42 %.", cut.Markup, StringComparison.Ordinal);

        await cut.InvokeAsync(() => cut.FindAll(".mud-tab").Single(t => t.TextContent.Trim() == "Metrics").Click());
        cut.WaitForAssertion(() => Assert.Contains("Latest: cpu 42 %.", cut.Markup, StringComparison.Ordinal));

        _live.Push("DeploymentStats", Sample(T0.AddHours(2).AddSeconds(1), cpu: 7));
        cut.WaitForAssertion(() => Assert.Contains("Latest: cpu 7 %.", cut.Markup, StringComparison.Ordinal));
    }

    private DeploymentMetrics Sample(DateTimeOffset at, double cpu) =>
        new(_greeter.Id, at, 1, cpu, 64 << 20, 256 << 20, 0, 0, 0, 0, 3);
}
