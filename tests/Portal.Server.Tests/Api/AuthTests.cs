using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Mvc;
using Portal.Server.Apis.Auth;
using Portal.Server.Tests.TestSupport;

namespace Portal.Server.Tests.Api;

public sealed class AuthTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Login_me_logout_round_trip_with_a_strict_http_only_cookie()
    {
        await using var factory = new PortalApiFactory();
        var admin = await factory.CreateAdminClientAsync();
        await PortalApiFactory.CreateUserAsync(admin, "vera", "vendor", vendor: await CreateVendorAsync(admin, "Acme"));

        var client = factory.CreateClient(new() { HandleCookies = false });
        var login = await client.PostAsJsonAsync("/api/v1/auth/login", new { username = "vera", password = PortalApiFactory.Password }, Ct);
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        var cookie = Assert.Single(login.Headers.GetValues("Set-Cookie"));
        Assert.StartsWith("portal.session=", cookie, StringComparison.Ordinal);
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("secure", cookie.Replace("samesite", "", StringComparison.OrdinalIgnoreCase), StringComparison.OrdinalIgnoreCase);
        var session = cookie.Split(';')[0];

        using var meRequest = new HttpRequestMessage(HttpMethod.Get, "/api/v1/auth/me") { Headers = { { "Cookie", session } } };
        var me = await PortalApiFactory.ReadAsync<MeResponse>(await client.SendAsync(meRequest, Ct));
        Assert.Equal("vera", me.Username);
        Assert.Equal(["vendor"], me.Roles);
        Assert.Equal("Acme", me.Vendor?.Name);

        using var logout = new HttpRequestMessage(HttpMethod.Post, "/api/v1/auth/logout") { Headers = { { "Cookie", session } } };
        var loggedOut = await client.SendAsync(logout, Ct);
        Assert.Equal(HttpStatusCode.NoContent, loggedOut.StatusCode);
        Assert.Contains(loggedOut.Headers.GetValues("Set-Cookie"), c => c.StartsWith("portal.session=;", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Anonymous_api_calls_get_401_problem_details_never_a_redirect()
    {
        await using var factory = new PortalApiFactory();
        var client = factory.CreateClient(new() { AllowAutoRedirect = false });
        foreach (var path in new[] { "/api/v1/auth/me", "/api/v1/users", "/api/v1/teams", "/api/v1/audit" })
        {
            var response = await client.GetAsync(path, Ct);
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.Null(response.Headers.Location);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.Equal(401, (await PortalApiFactory.ReadAsync<ProblemDetails>(response)).Status);
        }
    }

    [Fact]
    public async Task Disabling_a_user_or_resetting_the_password_ends_their_sessions()
    {
        await using var factory = new PortalApiFactory();
        var admin = await factory.CreateAdminClientAsync();
        var dora = await PortalApiFactory.CreateUserAsync(admin, "dora");
        var paul = await PortalApiFactory.CreateUserAsync(admin, "paul");
        var doraClient = await factory.LoginClientAsync("dora");
        var paulClient = await factory.LoginClientAsync("paul");
        Assert.Equal(HttpStatusCode.OK, (await doraClient.GetAsync("/api/v1/auth/me", Ct)).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"/api/v1/users/{dora.Id}/disable", null, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await doraClient.GetAsync("/api/v1/auth/me", Ct)).StatusCode);
        var disabledLogin = await factory.CreateClient().PostAsJsonAsync("/api/v1/auth/login", new { username = "dora", password = PortalApiFactory.Password }, Ct);
        Assert.Equal(HttpStatusCode.Unauthorized, disabledLogin.StatusCode);

        const string NewPassword = "a brand new passphrase";
        var reset = await admin.PostAsJsonAsync($"/api/v1/users/{paul.Id}/password", new { password = NewPassword }, Ct);
        Assert.Equal(HttpStatusCode.OK, reset.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await paulClient.GetAsync("/api/v1/auth/me", Ct)).StatusCode);
        await factory.LoginClientAsync("paul", NewPassword);
    }

    [Fact]
    public async Task The_last_enabled_admin_cannot_be_disabled()
    {
        await using var factory = new PortalApiFactory();
        var admin = await factory.CreateAdminClientAsync();
        var me = await admin.GetFromJsonAsync<MeResponse>("/api/v1/auth/me", PortalApiFactory.Json, Ct);
        var response = await admin.PostAsync($"/api/v1/users/{me!.Id}/disable", null, Ct);
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/api/v1/auth/me", Ct)).StatusCode);
    }

    internal static async Task<string> CreateVendorAsync(HttpClient admin, string name)
    {
        var response = await admin.PostAsJsonAsync("/api/v1/vendors", new { name }, Ct);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return name;
    }
}
