using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Portal.Data;
using Portal.Data.Entities;
using Portal.Server.Metrics;
using Portal.Server.Tests.TestSupport;

namespace Portal.Server.Tests.Api;

/// <summary>GET /api/v1/metrics/deployments: every deployment with its team and newest sample, for admins only.</summary>
public sealed class DeploymentUsageApiTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Admins_get_every_deployment_with_team_and_newest_sample_others_are_refused()
    {
        await using var factory = new PortalApiFactory();
        var admin = await factory.CreateAdminClientAsync();
        var blue = await AdminApiTests.CreateTeamAsync(admin, "Blue");
        var red = await AdminApiTests.CreateTeamAsync(admin, "Red");
        await PortalApiFactory.CreateUserAsync(admin, "plain");
        var plain = await factory.LoginClientAsync("plain");
        Guid sampled, idle;
        using (var scope = factory.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
            sampled = await SeededDeployment.AddAsync(db, blue.Id);
            var second = new Deployment { TeamId = red.Id, Name = "app", ApplianceVersionId = db.Deployments.Single().ApplianceVersionId };
            db.Deployments.Add(second);
            await db.SaveChangesAsync(Ct);
            idle = second.Id;
        }

        var sample = new DeploymentMetrics(sampled, DateTimeOffset.UtcNow, 1, 42.5, 300 << 20, 1 << 30, 10, 20, 30, 40, 7);
        var stranger = sample with { DeploymentId = Guid.NewGuid(), CpuPercent = 99 };
        factory.Services.GetRequiredService<LatestMetrics>().Update(null, [sample, stranger]);

        var usage = (await admin.GetFromJsonAsync<List<DeploymentUsageResponse>>("/api/v1/metrics/deployments", PortalApiFactory.Json, Ct))!;

        Assert.Equal([sampled, idle], usage.Select(u => u.DeploymentId));
        Assert.Equal(["Blue", "Red"], usage.Select(u => u.Team));
        Assert.Equal([blue.Id, red.Id], usage.Select(u => u.TeamId));
        Assert.All(usage, u => Assert.Equal(("app", "App", "1.0.0"), (u.Name, u.Appliance, u.ApplianceVersion)));
        Assert.Equal(sample, usage[0].Metrics);
        Assert.Null(usage[1].Metrics);
        Assert.Equal(HttpStatusCode.Forbidden, (await plain.GetAsync("/api/v1/metrics/deployments", Ct)).StatusCode);
    }
}
