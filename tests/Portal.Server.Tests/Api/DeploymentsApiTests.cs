using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Data;
using Portal.Data.Entities;
using Portal.Server.Apis.Deployments;
using Portal.Server.Apis.Teams;
using Portal.Server.Tests.Deployments;
using Portal.Server.Tests.TestSupport;

namespace Portal.Server.Tests.Api;

/// <summary>The deployments REST API: team members deploy into their own team only; errors name what is wrong.</summary>
public sealed class DeploymentsApiTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_member_deploys_into_their_team_sees_it_pending_without_secrets_and_the_audit_records_it()
    {
        await using var factory = new PortalApiFactory();
        var admin = await factory.CreateAdminClientAsync();
        var (team, _) = await TeamWithMemberAsync(admin, "Blue", "blue-dev");
        var version = await SeedVersionAsync(factory);
        var member = await factory.LoginClientAsync("blue-dev");

        var response = await member.PostAsJsonAsync($"/api/v1/teams/{team.Id}/deployments",
            new { applianceVersionId = version, name = "app-one", config = new { greeting = "Hej" } }, Ct);

        var body = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == HttpStatusCode.Created, body);
        var created = await PortalApiFactory.ReadAsync<DeploymentResponse>(response);
        Assert.Equal("app-one", created.Name);
        Assert.Equal("Running", created.DesiredState);
        Assert.Equal("Pending", created.Status);
        Assert.Equal("1.0.0", created.ApplianceVersion);
        Assert.DoesNotContain("token", body, StringComparison.OrdinalIgnoreCase);
        var mine = await member.GetFromJsonAsync<List<DeploymentResponse>>("/api/v1/deployments", PortalApiFactory.Json, Ct);
        Assert.Equal([created.Id], mine!.Select(d => d.Id));
        var events = await member.GetFromJsonAsync<List<DeploymentEventResponse>>($"/api/v1/teams/{team.Id}/deployments/{created.Id}/events", PortalApiFactory.Json, Ct);
        Assert.Contains(events!, e => e.Kind == "deploy");
        var audit = await admin.GetStringAsync(new Uri($"/api/v1/audit?action=deployment.create", UriKind.Relative), Ct);
        Assert.Contains(created.Id.ToString(), audit, StringComparison.Ordinal);
        Assert.Contains("blue-dev", audit, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_member_of_another_team_can_neither_read_nor_deploy_nor_operate()
    {
        await using var factory = new PortalApiFactory();
        var admin = await factory.CreateAdminClientAsync();
        var (blue, _) = await TeamWithMemberAsync(admin, "Blue", "blue-dev");
        await TeamWithMemberAsync(admin, "Red", "red-dev");
        var version = await SeedVersionAsync(factory);
        var blueMember = await factory.LoginClientAsync("blue-dev");
        var created = await PortalApiFactory.ReadAsync<DeploymentResponse>(await blueMember.PostAsJsonAsync(
            $"/api/v1/teams/{blue.Id}/deployments", new { applianceVersionId = version, name = "app" }, Ct));
        var red = await factory.LoginClientAsync("red-dev");

        Assert.Equal(HttpStatusCode.Forbidden, (await red.GetAsync($"/api/v1/teams/{blue.Id}/deployments", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await red.GetAsync($"/api/v1/teams/{blue.Id}/deployments/{created.Id}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await red.PostAsJsonAsync($"/api/v1/teams/{blue.Id}/deployments/{created.Id}/stop", new { }, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await red.DeleteAsync($"/api/v1/teams/{blue.Id}/deployments/{created.Id}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await red.PostAsJsonAsync($"/api/v1/teams/{blue.Id}/deployments",
            new { applianceVersionId = version, name = "intruder" }, Ct)).StatusCode);
        Assert.Empty((await red.GetFromJsonAsync<List<DeploymentResponse>>("/api/v1/deployments", PortalApiFactory.Json, Ct))!);
        var stillOne = await blueMember.GetFromJsonAsync<List<DeploymentResponse>>($"/api/v1/teams/{blue.Id}/deployments", PortalApiFactory.Json, Ct);
        Assert.Equal(["app"], stillOne!.Select(d => d.Name));
        Assert.Equal("Running", stillOne![0].DesiredState);
    }

    [Fact]
    public async Task Bad_requests_name_every_field_and_a_quota_refusal_says_by_how_much()
    {
        await using var factory = new PortalApiFactory();
        var admin = await factory.CreateAdminClientAsync();
        var small = await PortalApiFactory.ReadAsync<TeamResponse>(await admin.PostAsJsonAsync("/api/v1/teams",
            new { name = "Small", memoryQuotaBytes = 128L * 1024 * 1024 }, Ct));
        var version = await SeedVersionAsync(factory);

        var bad = await admin.PostAsJsonAsync($"/api/v1/teams/{small.Id}/deployments", new { applianceVersionId = 0, name = "", cpus = -1 }, Ct);
        var refused = await admin.PostAsJsonAsync($"/api/v1/teams/{small.Id}/deployments", new { applianceVersionId = version, name = "big" }, Ct);
        var badConfig = await admin.PostAsJsonAsync($"/api/v1/teams/{small.Id}/deployments",
            new { applianceVersionId = version, name = "cfg", memoryLimitBytes = 64L * 1024 * 1024, config = new { greeting = 5 } }, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var problems = await PortalApiFactory.ReadAsync<ValidationProblemDetails>(bad);
        Assert.Equal(["applianceVersionId", "cpus", "name"], problems.Errors.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        var refusal = await PortalApiFactory.ReadAsync<ProblemDetails>(refused);
        Assert.Equal("Refused by admission control", refusal.Title);
        Assert.Contains("over", refusal.Detail, StringComparison.Ordinal);
        Assert.Contains("quota", refusal.Detail, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, badConfig.StatusCode);
        Assert.Contains("config.greeting", (await PortalApiFactory.ReadAsync<ProblemDetails>(badConfig)).Detail, StringComparison.Ordinal);
        Assert.Empty((await admin.GetFromJsonAsync<List<DeploymentResponse>>("/api/v1/deployments", PortalApiFactory.Json, Ct))!);
    }

    [Fact]
    public async Task A_deployment_names_its_appliance_and_shows_a_newer_version_once_one_is_imported()
    {
        await using var factory = new PortalApiFactory();
        var admin = await factory.CreateAdminClientAsync();
        var (team, _) = await TeamWithMemberAsync(admin, "Blue", "blue-dev");
        var version = await SeedVersionAsync(factory);
        var member = await factory.LoginClientAsync("blue-dev");
        var created = await PortalApiFactory.ReadAsync<DeploymentResponse>(await member.PostAsJsonAsync(
            $"/api/v1/teams/{team.Id}/deployments", new { applianceVersionId = version, name = "app" }, Ct));

        Assert.Equal("App", created.ApplianceTitle);
        Assert.Equal(version, created.LatestApplianceVersionId);
        Assert.Equal("1.0.0", created.LatestApplianceVersion);
        Assert.False(created.UpgradeAvailable);

        var newer = await SeedNextVersionAsync(factory, version, "2.0.0");
        var mine = (await member.GetFromJsonAsync<List<DeploymentResponse>>("/api/v1/deployments", PortalApiFactory.Json, Ct))!.Single();
        var teams = (await member.GetFromJsonAsync<List<DeploymentResponse>>($"/api/v1/teams/{team.Id}/deployments", PortalApiFactory.Json, Ct))!.Single();
        var one = (await member.GetFromJsonAsync<DeploymentResponse>($"/api/v1/teams/{team.Id}/deployments/{created.Id}", PortalApiFactory.Json, Ct))!;

        foreach (var d in new[] { mine, teams, one })
        {
            Assert.Equal(created.ApplianceId, d.ApplianceId);
            Assert.Equal("App", d.ApplianceTitle);
            Assert.Equal(newer, d.LatestApplianceVersionId);
            Assert.Equal("2.0.0", d.LatestApplianceVersion);
            Assert.Equal("1.0.0", d.ApplianceVersion);
            Assert.True(d.UpgradeAvailable);
        }

        var appliance = await member.GetFromJsonAsync<ApplianceResponse>($"/api/v1/appliances/{one.ApplianceId}", PortalApiFactory.Json, Ct);
        Assert.Equal(["2.0.0", "1.0.0"], appliance!.Versions.Select(v => v.Version));
    }

    private static async Task<(TeamResponse Team, int UserId)> TeamWithMemberAsync(HttpClient admin, string teamName, string username)
    {
        var team = await AdminApiTests.CreateTeamAsync(admin, teamName);
        var user = await PortalApiFactory.CreateUserAsync(admin, username);
        var joined = await admin.PutAsJsonAsync($"/api/v1/teams/{team.Id}/members/{user.Id}", new { role = "member" }, Ct);
        Assert.True(joined.IsSuccessStatusCode, await joined.Content.ReadAsStringAsync(Ct));
        return (team, user.Id);
    }

    /// <summary>An appliance version row as a catalogue import would leave it (the engine is not used here).</summary>
    private static async Task<int> SeedVersionAsync(PortalApiFactory factory)
    {
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var vendor = new Vendor { Name = "Example" };
        var catalogue = new Catalogue { Vendor = vendor, CatalogueVersion = "1" };
        var appliance = new Appliance { Vendor = vendor, StableId = "com.example.app", Title = "App" };
        var version = new ApplianceVersion
        {
            Appliance = appliance,
            Catalogue = catalogue,
            Version = "1.0.0",
            ManifestYaml = TestManifests.TwoVersions()["1.0.0"],
            ManifestJson = "{}",
            ImageReference = "localhost/app:1.0.0",
            ImageDigest = "sha256:00",
        };
        db.ApplianceVersions.Add(version);
        await db.SaveChangesAsync(Ct);
        return version.Id;
    }

    /// <summary>Another version of the appliance of <paramref name="sibling"/>, imported after it.</summary>
    private static async Task<int> SeedNextVersionAsync(PortalApiFactory factory, int sibling, string number)
    {
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var before = await db.ApplianceVersions.SingleAsync(v => v.Id == sibling, Ct);
        var version = new ApplianceVersion
        {
            ApplianceId = before.ApplianceId,
            CatalogueId = before.CatalogueId,
            Version = number,
            ManifestYaml = TestManifests.TwoVersions()[number],
            ManifestJson = "{}",
            ImageReference = $"localhost/app:{number}",
            ImageDigest = "sha256:01",
            CreatedAt = before.CreatedAt.AddMinutes(1),
        };
        db.ApplianceVersions.Add(version);
        await db.SaveChangesAsync(Ct);
        return version.Id;
    }
}
