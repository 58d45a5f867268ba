using Bunit;
using Portal.Client.Tests.TestSupport;
using static Portal.Client.Tests.TestSupport.ClientFixtures;
using DashboardPage = Portal.Client.Pages.Admin.Dashboard;

namespace Portal.Client.Tests.Admin;

/// <summary>The admin dashboard over a fake API and hub: its deployments table follows deployment changes.</summary>
public sealed class DashboardPageTests : MudTestContext
{
    private static readonly TimeSpan ReloadDelay = TimeSpan.FromSeconds(1);
    private readonly FakeHttpHandler _api;
    private readonly FakeLiveStreams _live;

    public DashboardPageTests()
    {
        _api = Services.AddFakeApi();
        _live = Services.AddFakeLive();
        var t0 = new DateTimeOffset(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);
        _api.OnGet("/api/v1/metrics/host", new MetricHistoryResponse("host", "tenSeconds", t0, t0.AddHours(1), []));
    }

    private int UsageReads => _api.Requests.Count(r => r.PathAndQuery == "/api/v1/metrics/deployments");

    [Fact]
    public async Task A_burst_of_deployment_changes_reads_the_table_again_once_and_a_reconnect_reads_it_too()
    {
        _api.OnGet("/api/v1/metrics/deployments", new[] { Usage("alpha", cpu: 20) });
        var cut = Render<DashboardPage>(p => p.Add(x => x.ChangeReloadDelay, ReloadDelay));
        cut.WaitForAssertion(() => Assert.Contains("alpha", cut.Find("tbody").TextContent, StringComparison.Ordinal));
        await _live.WaitForStartedAsync("DeploymentChanges", 1);

        _api.OnGet("/api/v1/metrics/deployments", new[] { Usage("alpha", cpu: 20), Usage("bravo", cpu: null) });
        var change = new DeploymentChange(Guid.NewGuid(), 1, "deploy", "deploy of appliance version 1.0.0 requested", DateTimeOffset.UnixEpoch);
        _live.Push("DeploymentChanges", change);
        _live.Push("DeploymentChanges", change with { Kind = "create" });
        await _live.WaitForDeliveredAsync("DeploymentChanges", 2);
        Assert.Equal(1, UsageReads);
        _live.Time.Advance(ReloadDelay);

        cut.WaitForAssertion(() => Assert.Contains("bravo", cut.Find("tbody").TextContent, StringComparison.Ordinal));
        Assert.Equal(2, UsageReads);

        await cut.InvokeAsync(_live.Reconnect);
        Assert.Equal(2, _live.StartCount("DeploymentChanges"));
        Assert.Equal(2, _live.StartCount("HostStats"));
        Assert.Equal(3, UsageReads);
    }
}
