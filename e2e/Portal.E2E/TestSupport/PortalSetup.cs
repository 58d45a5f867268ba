using System.Text.Json;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Portal.E2E.TestSupport;

/// <summary>
/// What a journey needs before its browser part, done through the API as an admin (journey 1 proves the same steps in
/// the browser): first-run setup, vendors, users, teams and memberships. Every refusal fails with the server's answer.
/// </summary>
public sealed class PortalSetup : IAsyncDisposable
{
    public const string Password = "correct horse battery staple";

    private readonly IAPIRequestContext _api;

    private PortalSetup(IAPIRequestContext api) => _api = api;

    /// <summary>Creates the admin with the fixture's setup token and signs in as it.</summary>
    public static async Task<PortalSetup> AsAdminAsync(PortalApp app, BrowserFixture browser, string username = "admin")
    {
        var api = await browser.NewApiAsync(app.BaseAddress);
        var setup = new PortalSetup(api);
        (await setup.SendAsync("POST", "/api/v1/setup", new { token = app.SetupToken, username, password = Password })).Dispose();
        (await setup.SendAsync("POST", "/api/v1/auth/login", new { username, password = Password })).Dispose();
        return setup;
    }

    public async Task CreateVendorAsync(string name) => (await SendAsync("POST", "/api/v1/vendors", new { name, displayName = name })).Dispose();

    /// <returns>The user's id.</returns>
    public async Task<int> CreateUserAsync(string username, string role = "user", string? vendor = null)
    {
        using var user = await SendAsync("POST", "/api/v1/users", new { username, password = Password, role, vendor });
        return user.RootElement.GetProperty("id").GetInt32();
    }

    /// <returns>The team's id.</returns>
    public async Task<int> CreateTeamAsync(string name, long memoryQuotaBytes, double cpus, int maxDeployments)
    {
        using var team = await SendAsync("POST", "/api/v1/teams", new { name, memoryQuotaBytes, cpus, maxDeployments });
        return team.RootElement.GetProperty("id").GetInt32();
    }

    public async Task AddMemberAsync(int teamId, int userId) =>
        (await SendAsync("PUT", $"/api/v1/teams/{teamId}/members/{userId}", new { role = "member" })).Dispose();

    /// <summary>Signs <paramref name="username"/> in on the login page and waits for the home page's welcome.</summary>
    public static async Task SignInAsync(PortalPage page, string username)
    {
        await page.OpenAsync("/login");
        await page.Page.GetByLabel("Username").FillAsync(username);
        await page.Page.GetByLabel("Password").FillAsync(Password);
        await page.Page.GetByRole(AriaRole.Button, new() { Name = "Log in" }).ClickAsync();
        await Expect(page.Page.GetByRole(AriaRole.Heading, new() { Name = $"Welcome, {username}" })).ToBeVisibleAsync();
    }

    public async ValueTask DisposeAsync() => await _api.DisposeAsync();

    private async Task<JsonDocument> SendAsync(string method, string path, object body)
    {
        var response = await _api.FetchAsync(path, new APIRequestContextOptions { Method = method, DataObject = body });
        var text = await response.TextAsync();
        Assert.True(response.Ok, $"{method} {path} answered {response.Status}: {text}");
        return JsonDocument.Parse(string.IsNullOrEmpty(text) ? "null" : text);
    }
}
