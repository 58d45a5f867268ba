using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Data;
using Portal.Data.Entities;
using Portal.Server.Apis.Teams;
using Portal.Server.Apis.Users;
using Portal.Server.Apis.Vendors;
using Portal.Server.Tests.TestSupport;

namespace Portal.Server.Tests.Api;

public sealed class AdminApiTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Users_are_created_with_each_role_listed_and_read()
    {
        await using var factory = new PortalApiFactory();
        var admin = await factory.CreateAdminClientAsync();
        await AuthTests.CreateVendorAsync(admin, "Acme");
        var second = await PortalApiFactory.CreateUserAsync(admin, "second-admin", "admin");
        var vendor = await PortalApiFactory.CreateUserAsync(admin, "acme-dev", "vendor", "acme");
        var plain = await PortalApiFactory.CreateUserAsync(admin, "plain");

        Assert.True(second.IsAdmin);
        Assert.Equal("Acme", vendor.Vendor?.Name);
        Assert.False(plain.IsAdmin);
        Assert.Null(plain.Vendor);

        var users = await admin.GetFromJsonAsync<List<UserResponse>>("/api/v1/users", PortalApiFactory.Json, Ct);
        Assert.Equal(["acme-dev", PortalApiFactory.AdminName, "plain", "second-admin"], users!.Select(u => u.Username));
        var read = await admin.GetFromJsonAsync<UserResponse>($"/api/v1/users/{vendor.Id}", PortalApiFactory.Json, Ct);
        Assert.Equal("acme-dev", read!.Username);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/api/v1/users/9999", Ct)).StatusCode);

        var duplicate = await admin.PostAsJsonAsync("/api/v1/users", new { username = "PLAIN", password = PortalApiFactory.Password }, Ct);
        Assert.Equal(HttpStatusCode.Conflict, duplicate.StatusCode);
    }

    [Fact]
    public async Task Bad_user_input_names_every_bad_field()
    {
        await using var factory = new PortalApiFactory();
        var admin = await factory.CreateAdminClientAsync();
        var response = await admin.PostAsJsonAsync("/api/v1/users",
            new { username = "", password = "short", role = "root", displayName = new string('x', 200) }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await PortalApiFactory.ReadAsync<ValidationProblemDetails>(response);
        Assert.Equal(["displayName", "password", "role", "username"], problem.Errors.Keys.Order(StringComparer.Ordinal));

        var noVendor = await admin.PostAsJsonAsync("/api/v1/users", new { username = "v1", password = PortalApiFactory.Password, role = "vendor", vendor = "ghost" }, Ct);
        var vendorProblem = await PortalApiFactory.ReadAsync<ValidationProblemDetails>(noVendor);
        Assert.Contains("\"ghost\" does not exist", Assert.Single(vendorProblem.Errors["vendor"]), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Team_quotas_update_with_the_read_version_and_a_stale_version_gets_409()
    {
        await using var factory = new PortalApiFactory();
        var admin = await factory.CreateAdminClientAsync();
        var created = await admin.PostAsJsonAsync("/api/v1/teams", new { name = "Ops", memoryQuotaBytes = 1L << 30, cpus = 1.5, maxDeployments = 3 }, Ct);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var team = await PortalApiFactory.ReadAsync<TeamResponse>(created);
        Assert.Equal(1.5, team.Cpus);
        Assert.Equal(1L << 30, team.MemoryQuotaBytes);

        var updated = await admin.PutAsJsonAsync($"/api/v1/teams/{team.Id}/quotas",
            new { memoryQuotaBytes = 2L << 30, cpus = 2.0, maxDeployments = (int?)null, version = team.Version }, Ct);
        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        var after = await PortalApiFactory.ReadAsync<TeamResponse>(updated);
        Assert.Equal(team.Version + 1, after.Version);
        Assert.Null(after.MaxDeployments);

        var stale = await admin.PutAsJsonAsync($"/api/v1/teams/{team.Id}/quotas",
            new { memoryQuotaBytes = 4L << 30, cpus = 4.0, maxDeployments = 1, version = team.Version }, Ct);
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        var current = await admin.GetFromJsonAsync<TeamResponse>($"/api/v1/teams/{team.Id}", PortalApiFactory.Json, Ct);
        Assert.Equal(2L << 30, current!.MemoryQuotaBytes);

        var bad = await admin.PutAsJsonAsync($"/api/v1/teams/{team.Id}/quotas", new { memoryQuotaBytes = -1, cpus = 0, maxDeployments = -2 }, Ct);
        var problem = await PortalApiFactory.ReadAsync<ValidationProblemDetails>(bad);
        Assert.Equal(["cpus", "maxDeployments", "memoryQuotaBytes", "version"], problem.Errors.Keys.Order(StringComparer.Ordinal));

        Assert.Equal(HttpStatusCode.Conflict, (await admin.PostAsJsonAsync("/api/v1/teams", new { name = "ops" }, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/v1/teams/{team.Id}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/api/v1/teams/{team.Id}", Ct)).StatusCode);
    }

    [Fact]
    public async Task Team_members_read_their_own_team_only_and_get_403_from_admin_apis()
    {
        await using var factory = new PortalApiFactory();
        var admin = await factory.CreateAdminClientAsync();
        var red = await CreateTeamAsync(admin, "Red");
        var blue = await CreateTeamAsync(admin, "Blue");
        var mia = await PortalApiFactory.CreateUserAsync(admin, "mia");
        var set = await admin.PutAsJsonAsync($"/api/v1/teams/{red.Id}/members/{mia.Id}", new { role = "member" }, Ct);
        Assert.Equal(HttpStatusCode.OK, set.StatusCode);

        var client = await factory.LoginClientAsync("mia");
        var teams = await client.GetFromJsonAsync<List<TeamResponse>>("/api/v1/teams", PortalApiFactory.Json, Ct);
        Assert.Equal(["Red"], teams!.Select(t => t.Name));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/v1/teams/{red.Id}", Ct)).StatusCode);
        var members = await client.GetFromJsonAsync<List<MemberResponse>>($"/api/v1/teams/{red.Id}/members", PortalApiFactory.Json, Ct);
        Assert.Equal("member", Assert.Single(members!).Role);

        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync($"/api/v1/teams/{blue.Id}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync($"/api/v1/teams/{blue.Id}/members", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.PutAsJsonAsync($"/api/v1/teams/{red.Id}/members/{mia.Id}", new { role = "owner" }, Ct)).StatusCode);
        foreach (var path in new[] { "/api/v1/users", "/api/v1/vendors", "/api/v1/audit" })
        {
            var response = await client.GetAsync(path, Ct);
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
            Assert.Equal(403, (await PortalApiFactory.ReadAsync<ProblemDetails>(response)).Status);
        }

        Assert.Equal(HttpStatusCode.Forbidden, (await client.PostAsJsonAsync("/api/v1/teams", new { name = "Mine" }, Ct)).StatusCode);

        // Made an owner, she manages the team's members (a change that applies without logging in again).
        await admin.PutAsJsonAsync($"/api/v1/teams/{red.Id}/members/{mia.Id}", new { role = "owner" }, Ct);
        var joe = await PortalApiFactory.CreateUserAsync(admin, "joe");
        Assert.Equal(HttpStatusCode.OK, (await client.PutAsJsonAsync($"/api/v1/teams/{red.Id}/members/{joe.Id}", new { }, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/api/v1/teams/{red.Id}/members/{joe.Id}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.PutAsJsonAsync($"/api/v1/teams/{blue.Id}/members/{joe.Id}", new { }, Ct)).StatusCode);

        var badRole = await admin.PutAsJsonAsync($"/api/v1/teams/{red.Id}/members/{joe.Id}", new { role = "king" }, Ct);
        Assert.Contains("role", (await PortalApiFactory.ReadAsync<ValidationProblemDetails>(badRole)).Errors.Keys);
    }

    [Fact]
    public async Task Vendors_are_created_listed_and_unique_by_name()
    {
        await using var factory = new PortalApiFactory();
        var admin = await factory.CreateAdminClientAsync();
        var created = await admin.PostAsJsonAsync("/api/v1/vendors", new { name = "Acme", displayName = "Acme Corp." }, Ct);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await admin.PostAsJsonAsync("/api/v1/vendors", new { name = "ACME" }, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.PostAsJsonAsync("/api/v1/vendors", new { name = "../x" }, Ct)).StatusCode);
        var vendors = await admin.GetFromJsonAsync<List<VendorResponse>>("/api/v1/vendors", PortalApiFactory.Json, Ct);
        Assert.Equal("Acme Corp.", Assert.Single(vendors!).DisplayName);
    }

    [Fact]
    public async Task A_team_with_a_deployment_is_not_deleted_and_its_secrets_are_encrypted_at_rest()
    {
        await using var factory = new PortalApiFactory();
        var admin = await factory.CreateAdminClientAsync();
        var team = await CreateTeamAsync(admin, "Busy");
        using (var scope = factory.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
            var vendor = new Vendor { Name = "Acme" };
            var catalogue = new Catalogue { Vendor = vendor, CatalogueVersion = "1" };
            var appliance = new Appliance { Vendor = vendor, StableId = "com.acme.app", Title = "App" };
            var version = new ApplianceVersion
            {
                Appliance = appliance,
                Catalogue = catalogue,
                Version = "1.0.0",
                ManifestYaml = "",
                ManifestJson = "{}",
                ImageReference = "acme/app:1",
                ImageDigest = "sha256:00",
            };
            db.Deployments.Add(new Deployment { TeamId = team.Id, Name = "app", ApplianceVersion = version, SecretConfigJson = "{\"pw\":\"s3cr3t-value\"}" });
            await db.SaveChangesAsync(Ct);
        }

        var refused = await admin.DeleteAsync($"/api/v1/teams/{team.Id}", Ct);
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains("1 deployment", (await PortalApiFactory.ReadAsync<ProblemDetails>(refused)).Detail, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync($"/api/v1/teams/{team.Id}", Ct)).StatusCode);

        await using var raw = new SqliteConnection($"Data Source={Path.Combine(factory.DataDirectory, "portal.db")}");
        await raw.OpenAsync(Ct);
        await using var command = raw.CreateCommand();
        command.CommandText = "SELECT SecretConfigJson FROM Deployments";
        var stored = (string)(await command.ExecuteScalarAsync(Ct))!;
        Assert.DoesNotContain("s3cr3t-value", stored, StringComparison.Ordinal);
        using var scope2 = factory.Services.CreateScope();
        var read = await scope2.ServiceProvider.GetRequiredService<PortalDbContext>().Deployments.SingleAsync(Ct);
        Assert.Contains("s3cr3t-value", read.SecretConfigJson, StringComparison.Ordinal);
    }

    internal static async Task<TeamResponse> CreateTeamAsync(HttpClient admin, string name)
    {
        var response = await admin.PostAsJsonAsync("/api/v1/teams", new { name }, Ct);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await PortalApiFactory.ReadAsync<TeamResponse>(response);
    }
}
