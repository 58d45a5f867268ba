using Microsoft.Playwright;
using Portal.E2E.TestSupport;
using static Microsoft.Playwright.Assertions;

namespace Portal.E2E.Journeys;

/// <summary>
/// Journey 1's opening in a real browser: the app sends a visitor to log in, offers first-run setup while there is no
/// admin, the one-time token creates the admin, who lands on the home page; a wrong token is refused readably.
/// </summary>
[Trait("Category", Root.Category)]
public sealed class FirstRunJourneyTests(PortalAppWithoutDemo app, BrowserFixture browser) : IClassFixture<PortalAppWithoutDemo>
{
    private const string Password = "correct horse battery staple";

    [Fact]
    public async Task The_setup_token_creates_the_first_admin_who_lands_home_and_can_log_out_and_in_again()
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
        Assert.DoesNotContain(page.ConsoleErrors, e => !e.Contains("Failed to load resource", StringComparison.Ordinal));
    }
}
