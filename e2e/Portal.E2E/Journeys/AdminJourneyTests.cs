using Microsoft.Playwright;
using Portal.E2E.TestSupport;
using static Microsoft.Playwright.Assertions;

namespace Portal.E2E.Journeys;

/// <summary>
/// Journey 1 in a real browser: the app sends a visitor to log in and offers first-run setup while there is no admin; a
/// wrong token is refused readably, the one-time token creates the admin, who creates a team, a vendor with its user and
/// a team member, and sees the host's figures on the dashboard.
/// </summary>
[Trait("Category", Root.Category)]
public sealed class AdminJourneyTests(PortalAppWithoutDemo app, BrowserFixture browser) : IClassFixture<PortalAppWithoutDemo>
{
    private const string Password = "correct horse battery staple";

    [Fact]
    public async Task First_run_with_the_token_then_team_vendor_user_and_member_then_the_dashboard_shows_the_host()
    {
        Root.Require();
        await using var page = await browser.NewPageAsync(app.BaseAddress);

        await page.OpenAsync("/");
        await Expect(page.Page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/login"));
        await page.Page.GetByRole(AriaRole.Link, new() { Name = "Set it up with the one-time token" }).ClickAsync();
        await Expect(page.Page.GetByRole(AriaRole.Heading, new() { Name = "Set up Portal" })).ToBeVisibleAsync();

        await page.Page.GetByLabel("Setup token").FillAsync("not-the-token");
        await page.Page.GetByLabel("Administrator username").FillAsync("root-admin");
        await page.Page.GetByLabel("Password").FillAsync(Password);
        await page.Page.GetByRole(AriaRole.Button, new() { Name = "Create administrator" }).ClickAsync();
        await Expect(page.Page.GetByRole(AriaRole.Alert)).ToContainTextAsync("token");
        await page.ScreenshotAsync("setup-refused");

        await page.Page.GetByLabel("Setup token").FillAsync(app.SetupToken);
        await page.Page.GetByRole(AriaRole.Button, new() { Name = "Create administrator" }).ClickAsync();
        await Expect(page.Page.GetByRole(AriaRole.Heading, new() { Name = "Welcome, root-admin" })).ToBeVisibleAsync();
        await Expect(page.Page.GetByRole(AriaRole.Link, new() { Name = "Dashboard", Exact = true })).ToBeVisibleAsync();
        await page.ScreenshotAsync("home-admin");

        await page.Page.GetByRole(AriaRole.Button, new() { Name = "Log out" }).ClickAsync();
        await Expect(page.Page.GetByRole(AriaRole.Heading, new() { Name = "Log in" })).ToBeVisibleAsync();
        await Expect(page.Page.GetByRole(AriaRole.Link, new() { Name = "Set it up with the one-time token" })).ToHaveCountAsync(0);
        await page.ScreenshotAsync("login");

        await page.Page.GetByLabel("Username").FillAsync("root-admin");
        await page.Page.GetByLabel("Password").FillAsync("wrong password here");
        await page.Page.GetByRole(AriaRole.Button, new() { Name = "Log in" }).ClickAsync();
        await Expect(page.Page.GetByRole(AriaRole.Alert)).ToBeVisibleAsync();
        await page.Page.GetByLabel("Password").FillAsync(Password);
        await page.Page.GetByRole(AriaRole.Button, new() { Name = "Log in" }).ClickAsync();
        await Expect(page.Page.GetByRole(AriaRole.Heading, new() { Name = "Welcome, root-admin" })).ToBeVisibleAsync();
        // Refused requests (the anonymous /auth/me, the wrong token and password) are logged by the browser as failed
        // loads; anything else — an uncaught exception, a Blazor error — is a failure.

        await page.Page.GetByRole(AriaRole.Link, new() { Name = "Teams", Exact = true }).ClickAsync();
        await Expect(page.Page.GetByRole(AriaRole.Heading, new() { Name = "Teams", Exact = true })).ToBeVisibleAsync();
        await page.Page.GetByLabel("Team name").FillAsync("Blue");
        await page.Page.GetByLabel("Memory quota (GiB)").FillAsync("4");
        await page.Page.GetByRole(AriaRole.Button, new() { Name = "Create team" }).ClickAsync();
        await Expect(page.Page.GetByRole(AriaRole.Button, new() { Name = "Manage Blue" })).ToBeVisibleAsync();

        await page.Page.GetByRole(AriaRole.Link, new() { Name = "Users", Exact = true }).ClickAsync();
        await page.Page.GetByLabel("Vendor name").FillAsync("Acme");
        await page.Page.GetByRole(AriaRole.Button, new() { Name = "Create vendor" }).ClickAsync();
        await CreateUserAsync(page.Page, "vera", "Vendor", vendor: "Acme");
        await CreateUserAsync(page.Page, "tess", "User");
        var users = page.Page.GetByRole(AriaRole.Table, new() { Name = "Users" });
        await Expect(users).ToContainTextAsync("vera");
        await Expect(users).ToContainTextAsync("Acme");
        await Expect(users).ToContainTextAsync("tess");
        await page.ScreenshotAsync("admin-users");

        await page.Page.GetByRole(AriaRole.Link, new() { Name = "Teams", Exact = true }).ClickAsync();
        await page.Page.GetByRole(AriaRole.Button, new() { Name = "Manage Blue" }).ClickAsync();
        await Choose(page.Page, "User to add", "tess");
        await page.Page.GetByRole(AriaRole.Button, new() { Name = "Add member" }).ClickAsync();
        await Expect(page.Page.GetByRole(AriaRole.Table, new() { Name = "Members of Blue" })).ToContainTextAsync("tess");
        await page.ScreenshotAsync("admin-teams");

        await page.Page.GetByRole(AriaRole.Link, new() { Name = "Dashboard", Exact = true }).ClickAsync();
        await Expect(page.Page.GetByRole(AriaRole.Heading, new() { Name = "Host now" })).ToBeVisibleAsync();
        foreach (var card in new[] { "CPU", "Memory", "Disk" })
        {
            // A figure with its unit arrived from the live host stream.
            await Expect(page.Page.GetByRole(AriaRole.Group, new() { Name = card, Exact = true })).ToContainTextAsync(new System.Text.RegularExpressions.Regex(@"\d"));
        }

        await page.ScreenshotAsync("admin-dashboard");
        Assert.DoesNotContain(page.ConsoleErrors, e => !e.Contains("Failed to load resource", StringComparison.Ordinal));
    }

    private static async Task CreateUserAsync(IPage page, string username, string role, string? vendor = null)
    {
        await page.GetByLabel("Username").FillAsync(username);
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync(Password);
        await Choose(page, "Role", role);
        if (vendor is not null)
        {
            await Choose(page, "Vendor", vendor);
        }

        await page.GetByRole(AriaRole.Button, new() { Name = "Create user" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Table, new() { Name = "Users" })).ToContainTextAsync(username);
    }

    /// <summary>Picks <paramref name="option"/> in the MudSelect labelled <paramref name="label"/> (its list opens in a popover).</summary>
    private static async Task Choose(IPage page, string label, string option)
    {
        await page.GetByLabel(label, new() { Exact = true }).ClickAsync();
        await page.Locator(".mud-popover-open").GetByText(option, new() { Exact = true }).ClickAsync();
    }
}
