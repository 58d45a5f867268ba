using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Portal.Server.Apis.Audit;
using Portal.Server.Apis.Teams;
using Portal.Server.Apis.Users;
using Portal.Server.Tests.TestSupport;

namespace Portal.Server.Tests.Integration;

/// <summary>The API core against the real server process, as an admin first meets it.</summary>
[Trait("Category", Root.Category)]
[Collection(HostNetworkCollection.Name)]
public sealed partial class AuthProcessTests : IAsyncLifetime
{
    private const string Password = "correct horse battery staple";
    private readonly string _dir = Directory.CreateTempSubdirectory("portal-auth-").FullName;
    private PortalServerProcess? _server;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        await HostNetworkCleanup.ReleaseAsync(_dir);
        Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public async Task Setup_token_login_roles_throttling_and_audit_end_to_end()
    {
        Root.Require();
        _server = await PortalServerProcess.StartAsync(Path.Combine(_dir, "data"));
        var address = await _server.GetHttpAddressAsync();
        var token = await _server.WaitForOutputAsync(SetupTokenLine());
        var tokenFile = Path.Combine(_server.DataDirectory, "setup-token");
        Assert.Equal(token, (await File.ReadAllTextAsync(tokenFile, Ct)).Trim());
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(tokenFile));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute,
            File.GetUnixFileMode(Path.Combine(_server.DataDirectory, "keys")));

        using var anonymous = Client(address);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Login(anonymous, "admin", "admin")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/v1/auth/me", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/v1/users", Ct)).StatusCode);

        Assert.Equal(HttpStatusCode.Forbidden, (await Setup(anonymous, "not-the-token")).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await Setup(anonymous, token)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await Setup(anonymous, token)).StatusCode);
        Assert.False(File.Exists(tokenFile));

        using var admin = Client(address);
        Assert.Equal(HttpStatusCode.OK, (await Login(admin, "root", Password)).StatusCode);
        using (var me = JsonDocument.Parse(await admin.GetStringAsync("/api/v1/auth/me", Ct)))
        {
            Assert.Equal("admin", me.RootElement.GetProperty("roles")[0].GetString());
        }

        var team = await ReadAsync<TeamResponse>(await admin.PostAsJsonAsync("/api/v1/teams", new { name = "Blue", maxDeployments = 2 }, Ct));
        var member = await ReadAsync<UserResponse>(await admin.PostAsJsonAsync("/api/v1/users", new { username = "tess", password = Password }, Ct));
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync($"/api/v1/teams/{team.Id}/members/{member.Id}", new { role = "member" }, Ct)).StatusCode);

        using var tess = Client(address);
        Assert.Equal(HttpStatusCode.OK, (await Login(tess, "tess", Password)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await tess.GetAsync($"/api/v1/teams/{team.Id}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await tess.GetAsync("/api/v1/users", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await tess.GetAsync("/api/v1/audit", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await tess.PostAsync("/api/v1/auth/logout", null, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await tess.GetAsync("/api/v1/auth/me", Ct)).StatusCode);

        foreach (var username in new[] { "tess", "ghost" })
        {
            for (var i = 0; i < 5; i++)
            {
                Assert.Equal(HttpStatusCode.Unauthorized, (await Login(anonymous, username, "wrong password " + i)).StatusCode);
            }

            var locked = await Login(anonymous, username, Password);
            Assert.Equal(HttpStatusCode.TooManyRequests, locked.StatusCode);
            Assert.NotNull(locked.Headers.RetryAfter);
        }

        var audit = await admin.GetFromJsonAsync<AuditPage>("/api/v1/audit?pageSize=500", PortalApiFactory.Json, Ct);
        var actions = audit!.Items.Select(e => e.Action).ToHashSet(StringComparer.Ordinal);
        Assert.Superset(actions, new HashSet<string>(StringComparer.Ordinal)
        {
            "setup.token-issued", "setup.failed", "setup.completed", "auth.login", "auth.login-failed", "auth.lockout",
            "auth.login-throttled", "team.create", "user.create", "membership.set", "auth.logout",
        });
        Assert.All(audit.Items.Where(e => e.Action.StartsWith("auth.", StringComparison.Ordinal)), e => Assert.Equal("127.0.0.1", e.RemoteAddress));
        Assert.Equal(10, audit.Items.Count(e => e.Action == "auth.login-failed" && e.Actor == "anonymous" && e.Details?.GetProperty("username").GetString() is "tess" or "ghost"));

        using var openApi = JsonDocument.Parse(await anonymous.GetStringAsync("/openapi/v1.json", Ct));
        var paths = openApi.RootElement.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Contains("/api/v1/auth/login", paths);
        Assert.Contains("/api/v1/audit", paths);

        Assert.Single(SetupTokenLine().Matches(_server.Output));
        Assert.DoesNotContain("admin:admin", _server.Output, StringComparison.Ordinal);
    }

    private static HttpClient Client(Uri address) =>
        new(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = address };

    private static Task<HttpResponseMessage> Login(HttpClient client, string username, string password) =>
        client.PostAsJsonAsync("/api/v1/auth/login", new { username, password }, Ct);

    private static Task<HttpResponseMessage> Setup(HttpClient client, string token) =>
        client.PostAsJsonAsync("/api/v1/setup", new { token, username = "root", password = Password }, Ct);

    private static async Task<T> ReadAsync<T>(HttpResponseMessage response)
    {
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync(Ct));
        return await PortalApiFactory.ReadAsync<T>(response);
    }

    [GeneratedRegex(@"One-time setup token: (\S+) ")]
    private static partial Regex SetupTokenLine();
}
