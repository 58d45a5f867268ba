using System.Diagnostics;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Portal.Server.Apis.Deployments;
using Portal.Server.Deployments;
using Portal.Server.Hubs;
using Portal.Server.Metrics;
using Portal.Server.Tests.TestSupport;

namespace Portal.Server.Tests.Integration;

/// <summary>The journey's live streams: /hubs/live with a real SignalR client over WebSockets against the real server.</summary>
public sealed partial class PortalCoreJourneyTests
{
    /// <summary>Generous on purpose (CI is loaded); the time the first items took is written to the test output.</summary>
    private static readonly TimeSpan LiveWithin = TimeSpan.FromSeconds(15);

    /// <summary>
    /// A member's hub streams the deployment's log (its tail at once, then a request the web UI logs as it happens),
    /// its stats and its events; the other team's member is told it does not exist; an admin gets host stats.
    /// </summary>
    private async Task AssertLiveStreamsAsync(DeploymentResponse deployment)
    {
        await using var tess = await fixture.HubAsync(Tess);
        var clock = Stopwatch.StartNew();
        await using var logs = new LiveStream<DeploymentLogLine>("logs", token => tess.StreamAsync<DeploymentLogLine>("DeploymentLogs", deployment.Id, 20, token));
        var first = await logs.NextAsync(LiveWithin);
        var firstLine = clock.Elapsed;
        await using var stats = new LiveStream<DeploymentMetrics>("stats", token => tess.StreamAsync<DeploymentMetrics>("DeploymentStats", deployment.Id, token));
        clock.Restart();
        var sample = await stats.NextAsync(LiveWithin);
        var firstSample = clock.Elapsed;
        TestContext.Current.TestOutputHelper?.WriteLine($"first log line after {firstLine.TotalMilliseconds:F0} ms, first stats sample after {firstSample.TotalMilliseconds:F0} ms");

        Assert.False(string.IsNullOrEmpty(first.Text));
        Assert.Equal(deployment.Id, sample.DeploymentId);
        Assert.True(sample.Containers == 1 && sample.MemoryUsedBytes > 0 && sample.Pids > 0, $"sample: {sample}");
        // The demo appliances log a heartbeat every 5 s: one written after subscribing proves the stream follows.
        var subscribed = DateTimeOffset.UtcNow;
        var live = await logs.NextMatchingAsync(l => l.Time > subscribed && l.Text.StartsWith("heartbeat ", StringComparison.Ordinal), LiveWithin);
        Assert.Equal("stdout", live.Stream);
        await using var events = new LiveStream<DeploymentEventResponse>("events", token => tess.StreamAsync<DeploymentEventResponse>("DeploymentEvents", deployment.Id, LiveHub.MaxEventHistory, token));
        Assert.Equal("deploy", (await events.NextAsync(LiveWithin)).Kind);

        await using var rick = await fixture.HubAsync(Rick);
        var denied = await Assert.ThrowsAsync<HubException>(() => LiveHubClient.TakeAsync(rick.StreamAsync<DeploymentLogLine>("DeploymentLogs", deployment.Id, 5, Ct), 1, LiveWithin));
        Assert.Contains("Not found", denied.Message, StringComparison.Ordinal);
        await using var admin = await fixture.HubAsync(Admin);
        var host = Assert.Single(await LiveHubClient.TakeAsync(admin.StreamAsync<HostMetrics>("HostStats", Ct), 1, LiveWithin));
        Assert.True(host.MemoryTotalBytes > 0 && host.CpuCount > 0, $"host sample: {host}");
    }

    private async Task AssertHubRefusesAnonymousAsync()
    {
        var negotiate = await fixture.Anonymous().PostAsync("/hubs/live/negotiate?negotiateVersion=1", null, Ct);
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, negotiate.StatusCode);
        await using var connection = new HubConnectionBuilder().WithUrl(new Uri(fixture.Address, "/hubs/live")).Build();
        var refused = await Assert.ThrowsAsync<HttpRequestException>(() => connection.StartAsync(Ct));
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, refused.StatusCode);
    }
}
