using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;
using Portal.Data;
using Portal.Data.Entities;
using Portal.Server.Tests.TestSupport;

namespace Portal.Server.Tests.Api;

/// <summary>Metrics history over HTTP: the host's for admins only, a deployment's for its own team only.</summary>
public sealed class MetricsApiTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private sealed record History(string Series, string Resolution, List<Point> Points);

    private sealed record Point(DateTimeOffset Timestamp, double CpuPercent, double MemoryBytes);

    [Fact]
    public async Task Admins_read_host_history_teams_read_their_deployments_history_and_nobody_else_does()
    {
        await using var factory = new PortalApiFactory();
        var admin = await factory.CreateAdminClientAsync();
        var blue = await AdminApiTests.CreateTeamAsync(admin, "Blue");
        var red = await AdminApiTests.CreateTeamAsync(admin, "Red");
        var blueUser = await PortalApiFactory.CreateUserAsync(admin, "blue-dev");
        var redUser = await PortalApiFactory.CreateUserAsync(admin, "red-dev");
        Assert.True((await admin.PutAsJsonAsync($"/api/v1/teams/{blue.Id}/members/{blueUser.Id}", new { role = "member" }, Ct)).IsSuccessStatusCode);
        Assert.True((await admin.PutAsJsonAsync($"/api/v1/teams/{red.Id}/members/{redUser.Id}", new { role = "member" }, Ct)).IsSuccessStatusCode);
        var deploymentId = await SeedAsync(factory, blue.Id);
        var blueClient = await factory.LoginClientAsync("blue-dev");
        var redClient = await factory.LoginClientAsync("red-dev");
        var path = $"/api/v1/teams/{blue.Id}/deployments/{deploymentId}/metrics?range=1h";

        var host = await admin.GetFromJsonAsync<History>("/api/v1/metrics/host?range=1h", PortalApiFactory.Json, Ct);
        var mine = await blueClient.GetFromJsonAsync<History>(path, PortalApiFactory.Json, Ct);

        Assert.Equal("host", host!.Series);
        Assert.Equal([50.0, 60.0], host.Points.Select(p => p.CpuPercent));
        Assert.Equal(deploymentId.ToString("D"), mine!.Series);
        Assert.Equal([5.0], mine.Points.Select(p => p.CpuPercent));
        Assert.Equal(HttpStatusCode.Forbidden, (await blueClient.GetAsync("/api/v1/metrics/host", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await redClient.GetAsync(path, Ct)).StatusCode);
        // Red's own team path with Blue's deployment id: not theirs, so not found.
        Assert.Equal(HttpStatusCode.NotFound, (await redClient.GetAsync($"/api/v1/teams/{red.Id}/deployments/{deploymentId}/metrics", Ct)).StatusCode);
    }

    [Theory]
    [InlineData("range=7d", "range")]
    [InlineData("from=2026-01-02T00:00:00Z&to=2026-01-01T00:00:00Z", "from")]
    [InlineData("from=2026-01-01T00:00:00Z", "to")]
    [InlineData("range=1h&from=2026-01-01T00:00:00Z&to=2026-01-02T00:00:00Z", "range")]
    public async Task Bad_queries_are_400_naming_the_parameter(string query, string parameter)
    {
        await using var factory = new PortalApiFactory();
        var admin = await factory.CreateAdminClientAsync();

        var response = await admin.GetAsync($"/api/v1/metrics/host?{query}", Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.StartsWith(parameter + ":", (await PortalApiFactory.ReadAsync<ProblemDetails>(response)).Detail, StringComparison.Ordinal);
    }

    private static async Task<Guid> SeedAsync(PortalApiFactory factory, int teamId)
    {
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var deploymentId = await SeededDeployment.AddAsync(db, teamId);
        var now = DateTimeOffset.UtcNow;
        var bucket = new DateTimeOffset(now.UtcTicks / TimeSpan.TicksPerSecond / 10 * 10 * TimeSpan.TicksPerSecond, TimeSpan.Zero);
        MetricSample Sample(string series, DateTimeOffset at, double cpu) =>
            new() { SeriesKey = series, Resolution = MetricResolution.TenSeconds, Timestamp = at, CpuPercent = cpu, MemoryBytes = 1024 };
        db.MetricSamples.AddRange(
            Sample(MetricSeries.Host, bucket.AddMinutes(-20), 50),
            Sample(MetricSeries.Host, bucket.AddMinutes(-10), 60),
            Sample(MetricSeries.Host, bucket.AddHours(-3), 99),
            Sample(MetricSeries.ForDeployment(deploymentId), bucket.AddMinutes(-5), 5));
        await db.SaveChangesAsync(Ct);
        return deploymentId;
    }
}
