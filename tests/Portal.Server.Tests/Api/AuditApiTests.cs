using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Mvc;
using Portal.Server.Apis.Audit;
using Portal.Server.Tests.TestSupport;

namespace Portal.Server.Tests.Api;

public sealed class AuditApiTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Every_step_is_audited_with_actor_target_and_details()
    {
        await using var factory = new PortalApiFactory();
        var admin = await factory.CreateAdminClientAsync();
        var anonymous = factory.CreateClient();
        await anonymous.PostAsJsonAsync("/api/v1/auth/login", new { username = PortalApiFactory.AdminName, password = "wrong password!" }, Ct);
        var team = await AdminApiTests.CreateTeamAsync(admin, "Audited");
        var user = await PortalApiFactory.CreateUserAsync(admin, "ursula");
        await admin.PutAsJsonAsync($"/api/v1/teams/{team.Id}/members/{user.Id}", new { role = "owner" }, Ct);
        await admin.PostAsJsonAsync($"/api/v1/users/{user.Id}/password", new { password = "another good passphrase" }, Ct);
        await admin.PostAsync("/api/v1/auth/logout", null, Ct);
        await PortalApiFactory.LoginAsync(admin, PortalApiFactory.AdminName, PortalApiFactory.Password);

        var page = await admin.GetFromJsonAsync<AuditPage>("/api/v1/audit?pageSize=500", PortalApiFactory.Json, Ct);
        var actions = page!.Items.Select(e => e.Action).Reverse().ToList();
        Assert.Equal(
            ["setup.token-issued", "setup.completed", "auth.login", "auth.login-failed", "team.create", "user.create",
             "membership.set", "user.password-reset", "auth.logout", "auth.login"],
            actions);
        Assert.Equal(page.Total, page.Items.Count);

        var create = page.Items.Single(e => e.Action == "user.create");
        Assert.Equal(PortalApiFactory.AdminName, create.Actor);
        Assert.NotNull(create.ActorUserId);
        Assert.Equal(("user", user.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)), (create.TargetType, create.TargetId));
        Assert.Equal("ursula", create.Details!.Value.GetProperty("username").GetString());
        Assert.DoesNotContain(page.Items, e => e.Details?.ToString().Contains("passphrase", StringComparison.Ordinal) == true);
        Assert.DoesNotContain(page.Items, e => e.Details?.ToString().Contains(PortalApiFactory.Password, StringComparison.Ordinal) == true);
        var failed = page.Items.Single(e => e.Action == "auth.login-failed");
        Assert.Equal("anonymous", failed.Actor);
    }

    [Fact]
    public async Task Filters_and_paging_select_entries_newest_first()
    {
        await using var factory = new PortalApiFactory();
        var admin = await factory.CreateAdminClientAsync();
        var teams = new List<int>();
        foreach (var name in new[] { "T1", "T2", "T3" })
        {
            teams.Add((await AdminApiTests.CreateTeamAsync(admin, name)).Id);
        }

        var byAction = await admin.GetFromJsonAsync<AuditPage>("/api/v1/audit?action=team.create&pageSize=2", PortalApiFactory.Json, Ct);
        Assert.Equal(3, byAction!.Total);
        Assert.Equal(["T3", "T2"], byAction.Items.Select(e => e.Details!.Value.GetProperty("name").GetString()));
        var second = await admin.GetFromJsonAsync<AuditPage>("/api/v1/audit?action=team.create&pageSize=2&page=2", PortalApiFactory.Json, Ct);
        Assert.Equal("T1", Assert.Single(second!.Items).Details!.Value.GetProperty("name").GetString());

        var byTarget = await admin.GetFromJsonAsync<AuditPage>($"/api/v1/audit?target=team:{teams[1]}", PortalApiFactory.Json, Ct);
        Assert.Equal("team.create", Assert.Single(byTarget!.Items).Action);
        var byPrefix = await admin.GetFromJsonAsync<AuditPage>("/api/v1/audit?action=setup.", PortalApiFactory.Json, Ct);
        Assert.Equal(["setup.completed", "setup.token-issued"], byPrefix!.Items.Select(e => e.Action));
        var byUser = await admin.GetFromJsonAsync<AuditPage>("/api/v1/audit?user=setup", PortalApiFactory.Json, Ct);
        Assert.Equal(2, byUser!.Total);

        var last = byAction.Items[0].At;
        var from = Uri.EscapeDataString(last.ToString("O"));
        var sinceLast = await admin.GetFromJsonAsync<AuditPage>($"/api/v1/audit?from={from}", PortalApiFactory.Json, Ct);
        Assert.All(sinceLast!.Items, e => Assert.True(e.At >= last));
        var before = await admin.GetFromJsonAsync<AuditPage>($"/api/v1/audit?to={from}&action=team.create", PortalApiFactory.Json, Ct);
        Assert.Equal(2, before!.Total);

        var bad = await admin.GetAsync($"/api/v1/audit?page=0&pageSize=9999&from={from}&to={from}", Ct);
        var problem = await PortalApiFactory.ReadAsync<ValidationProblemDetails>(bad);
        Assert.Equal(["page", "pageSize", "to"], problem.Errors.Keys.Order(StringComparer.Ordinal));
    }
}
