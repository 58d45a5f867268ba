using System.Text.Json;
using Microsoft.Playwright;
using Portal.E2E.TestSupport;

namespace Portal.E2E.Smoke;

/// <summary>The default fixture: the setup token it reads creates the first admin, and the demo catalogue gets imported.</summary>
[Trait("Category", Root.Category)]
public sealed class DemoCatalogueSmokeTests(PortalApp app, BrowserFixture browser) : IClassFixture<PortalApp>
{
    private const string Password = "correct horse battery staple";

    [Fact]
    public async Task The_setup_token_creates_the_admin_who_sees_the_demo_appliances()
    {
        Root.Require();
        var api = await browser.NewApiAsync(app.BaseAddress);
        await using (api)
        {
            var setup = await api.PostAsync("/api/v1/setup", new APIRequestContextOptions
            {
                DataObject = new { token = app.SetupToken, username = "admin", password = Password },
            });
            Assert.True(setup.Status == 201, $"setup answered {setup.Status}: {await setup.TextAsync()}");
            var login = await api.PostAsync("/api/v1/auth/login", new APIRequestContextOptions
            {
                DataObject = new { username = "admin", password = Password },
            });
            Assert.True(login.Ok, $"login answered {login.Status}: {await login.TextAsync()}");

            await app.WaitForDemoCatalogueAsync(TestContext.Current.CancellationToken);
            var appliances = await api.GetAsync("/api/v1/appliances");
            Assert.Equal(200, appliances.Status);
            using var list = JsonDocument.Parse(await appliances.BodyAsync());
            Assert.Equal(
                ["Greeter", "Notes", "Welcome Site"],
                list.RootElement.EnumerateArray().Select(a => a.GetProperty("title").GetString()).Order(StringComparer.Ordinal));
        }
    }
}
