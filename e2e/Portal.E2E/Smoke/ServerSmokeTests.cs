using System.Text.RegularExpressions;
using Portal.E2E.TestSupport;

namespace Portal.E2E.Smoke;

[Trait("Category", Root.Category)]
public sealed partial class ServerSmokeTests(PortalAppWithoutDemo app, BrowserFixture browser) : IClassFixture<PortalAppWithoutDemo>
{
    [Fact]
    public async Task Health_answers_ok_and_the_api_wants_a_login()
    {
        Root.Require();
        var api = await browser.NewApiAsync(app.BaseAddress);
        await using (api)
        {
            var health = await api.GetAsync("/healthz");
            Assert.Equal(200, health.Status);
            Assert.Equal("ok", await health.TextAsync());

            var me = await api.GetAsync("/api/v1/auth/me");
            Assert.Equal(401, me.Status);
        }

        Assert.Matches("^[A-Za-z0-9_-]{43}$", app.SetupToken);
        Assert.Contains($"One-time setup token: {app.SetupToken} ", app.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_home_page_is_the_app_and_becomes_interactive()
    {
        Root.Require();
        await using var page = await browser.NewPageAsync(app.BaseAddress);

        var response = await page.Page.GotoAsync("/");
        Assert.NotNull(response);
        Assert.Equal(200, response.Status);
        Assert.StartsWith("text/html", response.Headers["content-type"], StringComparison.Ordinal);
        Assert.Equal("Portal", TitleTag().Match(await response.TextAsync()).Groups[1].Value.Trim());

        await page.WaitUntilInteractiveAsync();
        await page.ScreenshotAsync("home");
        Assert.DoesNotContain(page.ConsoleErrors, e => e.StartsWith("uncaught", StringComparison.Ordinal));
    }

    [GeneratedRegex("<title>(.*?)</title>", RegexOptions.Singleline)]
    private static partial Regex TitleTag();
}
