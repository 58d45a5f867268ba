using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Mvc;
using Portal.Server.Tests.TestSupport;

namespace Portal.Server.Tests.Api;

public sealed class SetupTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Setup_token_creates_the_first_admin_once_then_setup_answers_409()
    {
        await using var factory = new PortalApiFactory();
        var token = factory.ReadSetupToken();
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(factory.SetupTokenFile));
        Assert.True(token.Length >= 43, token);
        var client = factory.CreateClient();

        var wrong = await client.PostAsJsonAsync("/api/v1/setup", new { token = token + "x", username = "boss", password = PortalApiFactory.Password }, Ct);
        Assert.Equal(HttpStatusCode.Forbidden, wrong.StatusCode);
        Assert.Equal("application/problem+json", wrong.Content.Headers.ContentType?.MediaType);

        var created = await client.PostAsJsonAsync("/api/v1/setup", new { token, username = "boss", password = PortalApiFactory.Password }, Ct);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.False(File.Exists(factory.SetupTokenFile));

        var again = await client.PostAsJsonAsync("/api/v1/setup", new { token, username = "boss2", password = PortalApiFactory.Password }, Ct);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);

        await PortalApiFactory.LoginAsync(client, "boss", PortalApiFactory.Password);
        var me = await client.GetFromJsonAsync<MeResponse>("/api/v1/auth/me", PortalApiFactory.Json, Ct);
        Assert.Equal(["admin"], me!.Roles);
    }

    [Fact]
    public async Task Setup_with_bad_fields_names_each_and_keeps_the_token_usable()
    {
        await using var factory = new PortalApiFactory();
        var token = factory.ReadSetupToken();
        var client = factory.CreateClient();

        var bad = await client.PostAsJsonAsync("/api/v1/setup", new { token, username = "bad name!", password = "short" }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var problem = await PortalApiFactory.ReadAsync<ValidationProblemDetails>(bad);
        Assert.Equal(["password", "username"], problem.Errors.Keys.Order());

        var sameAsName = await client.PostAsJsonAsync("/api/v1/setup", new { token, username = "administrator1", password = "Administrator1" }, Ct);
        var sameProblem = await PortalApiFactory.ReadAsync<ValidationProblemDetails>(sameAsName);
        Assert.Contains("must not be the username", Assert.Single(sameProblem.Errors["password"]), StringComparison.Ordinal);

        var created = await client.PostAsJsonAsync("/api/v1/setup", new { token, username = "boss", password = PortalApiFactory.Password }, Ct);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
    }

    [Fact]
    public async Task Admin_admin_never_logs_in()
    {
        await using var factory = new PortalApiFactory();
        var client = factory.CreateClient();
        var before = await client.PostAsJsonAsync("/api/v1/auth/login", new { username = "admin", password = "admin" }, Ct);
        Assert.Equal(HttpStatusCode.Unauthorized, before.StatusCode);

        var weak = await client.PostAsJsonAsync("/api/v1/setup", new { token = factory.ReadSetupToken(), username = "admin", password = "admin" }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, weak.StatusCode);

        var admin = await factory.CreateAdminClientAsync();
        await PortalApiFactory.CreateUserAsync(admin, "admin", "admin");
        var after = await client.PostAsJsonAsync("/api/v1/auth/login", new { username = "admin", password = "admin" }, Ct);
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/v1/auth/me", Ct)).StatusCode);
    }

    [Fact]
    public async Task A_restart_without_an_admin_issues_a_new_token_and_the_old_one_stops_working()
    {
        string oldToken;
        var directory = Directory.CreateTempSubdirectory("portal-restart-").FullName;
        try
        {
            await using (var first = new DataDirFactory(directory))
            {
                oldToken = first.ReadSetupToken();
            }

            await using var second = new DataDirFactory(directory);
            var newToken = second.ReadSetupToken();
            Assert.NotEqual(oldToken, newToken);
            var client = second.CreateClient();
            var old = await client.PostAsJsonAsync("/api/v1/setup", new { token = oldToken, username = "boss", password = PortalApiFactory.Password }, Ct);
            Assert.Equal(HttpStatusCode.Forbidden, old.StatusCode);
            var fresh = await client.PostAsJsonAsync("/api/v1/setup", new { token = newToken, username = "boss", password = PortalApiFactory.Password }, Ct);
            Assert.Equal(HttpStatusCode.Created, fresh.StatusCode);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    /// <summary>Two servers over one data directory, one after the other.</summary>
    private sealed class DataDirFactory(string directory) : Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program>
    {
        public string ReadSetupToken()
        {
            _ = Server;
            return File.ReadAllText(Path.Combine(directory, "setup-token")).Trim();
        }

        protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
        {
            builder.UseSetting("Portal:DataDirectory", directory);
            PortalApiFactory.WithoutEngine(builder);
        }
    }
}
