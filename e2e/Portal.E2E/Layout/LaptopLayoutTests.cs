using System.Text.Json;
using Microsoft.Playwright;
using Portal.E2E.TestSupport;
using static Microsoft.Playwright.Assertions;

namespace Portal.E2E.Layout;

/// <summary>
/// Issue #5's "responsive down to a laptop screen", measured in the browser at a common laptop size where the drawer
/// is still docked (1280×720), a small laptop or landscape tablet (1024×768), and 1366×768 in the dark theme (each run
/// costs CI about 40 s, and 1366 light adds nothing 1280 and 1366 dark do not show): on every main page the page does
/// not scroll sideways and nothing sticks out of the window (tables and the log viewer scroll inside themselves), the
/// h1 and the page's main actions are in reach and not covered, the navigation is open or one labelled button away, and
/// the deploy dialog fits the window. One server and one Greeter deployment serve every size; each size saves a
/// screenshot per page as e2e/artifacts/layout-&lt;size&gt;-&lt;page&gt;.png.
/// </summary>
[Trait("Category", Root.Category)]
public sealed class LaptopLayoutTests(PortalApp app, BrowserFixture browser) : IClassFixture<PortalApp>
{
    private const string Admin = "admin";
    private const string Vendor = "vera";
    private const string Team = "Laptop team";

    /// <summary>A long name on purpose: headings and table cells must wrap it rather than push the page wider.</summary>
    private const string Name = "greeter-for-the-laptop-layout-check";

    private static readonly Lock Gate = new();
    private static (PortalApp App, Task<World> World)? _world;

    public static TheoryData<int, int, bool> Screens => new()
    {
        { 1280, 720, false },
        { 1024, 768, false },
        { 1366, 768, true },
    };

    [Theory]
    [MemberData(nameof(Screens))]
    public async Task Every_main_page_fits_the_window_with_its_heading_actions_and_navigation_in_reach(int width, int height, bool dark)
    {
        Root.Require();
        var world = await WorldAsync();
        var check = new LayoutCheck($"layout-{width}x{height}{(dark ? "-dark" : "")}");

        await using (var page = await NewPageAsync(width, height))
        {
            var p = page.Page;
            await page.OpenAsync("/login");
            await check.PageAsync(p, "login", Heading(p, "Log in"), navigation: false,
                (p.GetByLabel("Username"), "the Username field"),
                (p.GetByRole(AriaRole.Button, new() { Name = "Log in" }), "the Log in button"));
            await PortalSetup.SignInAsync(page, Admin);
            if (dark)
            {
                await p.GetByRole(AriaRole.Button, new() { Name = "Use dark theme" }).ClickAsync();
                await Expect(p.GetByRole(AriaRole.Button, new() { Name = "Use light theme" })).ToBeVisibleAsync();
            }

            await check.PageAsync(p, "home", Heading(p, $"Welcome, {Admin}"), navigation: true,
                (p.GetByRole(AriaRole.Link, new() { Name = "Browse the catalogue" }), "Browse the catalogue"),
                (p.GetByRole(AriaRole.Button, new() { Name = "Log out" }), "the Log out button"));

            await check.FollowNavigationAsync(p, "Catalogue");
            await check.PageAsync(p, "catalogue", Heading(p, "Catalogue"), navigation: true,
                (p.GetByLabel("Search appliances"), "the search field"),
                (p.GetByRole(AriaRole.Link, new() { Name = "Details of Greeter" }), "Details of Greeter"),
                (p.GetByRole(AriaRole.Button, new() { Name = "Deploy Greeter 2.0.0" }), "Deploy Greeter 2.0.0"));

            await GoAsync(p, $"catalogue/{world.ApplianceId}");
            await check.PageAsync(p, "appliance", p.GetByRole(AriaRole.Heading, new() { Name = "Greeter", Level = 1 }), navigation: true,
                (p.GetByRole(AriaRole.Heading, new() { Name = "Security disclosure" }), "the security disclosure"),
                (p.GetByRole(AriaRole.Button, new() { Name = "Deploy version 1.0.0" }), "Deploy version 1.0.0"));

            await p.GetByRole(AriaRole.Button, new() { Name = "Deploy version 1.0.0" }).ClickAsync();
            var dialog = p.GetByRole(AriaRole.Dialog);
            await check.DialogAsync(p, "deploy-dialog", dialog, dialog.GetByRole(AriaRole.Heading, new() { Name = "Deploy Greeter 1.0.0" }),
                (dialog.GetByLabel("Deployment name"), "the Deployment name field"),
                (dialog.GetByRole(AriaRole.Button, new() { Name = "Deploy", Exact = true }), "the Deploy button"),
                (dialog.GetByRole(AriaRole.Button, new() { Name = "Cancel" }), "the Cancel button"));
            await dialog.GetByRole(AriaRole.Button, new() { Name = "Cancel" }).ClickAsync();
            await Expect(dialog).ToHaveCountAsync(0);

            await GoAsync(p, "deployments");
            var row = p.GetByRole(AriaRole.Table, new() { Name = "Deployments" }).GetByRole(AriaRole.Row).Filter(new() { HasText = Name });
            await check.PageAsync(p, "deployments", Heading(p, "My deployments"), navigation: true,
                (row.GetByRole(AriaRole.Link, new() { Name = Name, Exact = true }), "the deployment's link"),
                (row.GetByRole(AriaRole.Link, new() { Name = $"Open web UI of {Name}" }), "Open web UI"),
                (row.GetByRole(AriaRole.Button, new() { Name = $"Remove {Name}" }), "Remove"));

            await GoAsync(p, $"deployments/{world.TeamId}/{world.DeploymentId}");
            await check.PageAsync(p, "deployment-logs", p.GetByRole(AriaRole.Heading, new() { Name = Name, Level = 1 }), navigation: true,
                (p.GetByRole(AriaRole.Link, new() { Name = $"Open web UI of {Name}" }), "Open web UI"),
                (p.GetByRole(AriaRole.Button, new() { Name = $"Remove {Name}" }), "Remove"),
                (p.GetByRole(AriaRole.Button, new() { Name = "Upgrade", Exact = true }), "Upgrade"),
                (p.GetByRole(AriaRole.Tab, new() { Name = "Metrics" }), "the Metrics tab"),
                (p.GetByLabel("Search the log"), "the log search"),
                (p.GetByRole(AriaRole.Button, new() { Name = "Pause" }), "Pause"),
                (p.GetByRole(AriaRole.Button, new() { Name = "Download .txt" }), "Download"),
                (p.GetByRole(AriaRole.Log), "the log lines"));

            await p.GetByRole(AriaRole.Tab, new() { Name = "Metrics" }).ClickAsync();
            await check.PageAsync(p, "deployment-metrics", p.GetByRole(AriaRole.Heading, new() { Name = Name, Level = 1 }), navigation: false,
                (p.GetByRole(AriaRole.Group, new() { Name = "CPU chart", Exact = true }), "the CPU chart"),
                (p.GetByRole(AriaRole.Group, new() { Name = "Disk chart", Exact = true }), "the Disk chart"),
                (p.GetByRole(AriaRole.Group, new() { Name = "History range" }), "the history range"),
                (p.GetByRole(AriaRole.Group, new() { Name = "Disk history chart", Exact = true }), "the Disk history chart"));

            await GoAsync(p, "admin");
            await check.PageAsync(p, "admin-dashboard", Heading(p, "Dashboard"), navigation: true,
                (p.GetByRole(AriaRole.Group, new() { Name = "CPU", Exact = true }), "the CPU card"),
                (p.GetByRole(AriaRole.Group, new() { Name = "Disk", Exact = true }), "the Disk card"),
                (p.GetByRole(AriaRole.Group, new() { Name = "Time range" }), "the time range"));

            await GoAsync(p, "admin/teams");
            await check.PageAsync(p, "admin-teams", Heading(p, "Teams"), navigation: true,
                (p.GetByLabel("Team name"), "the Team name field"),
                (p.GetByRole(AriaRole.Button, new() { Name = "Create team" }), "Create team"),
                (p.GetByRole(AriaRole.Button, new() { Name = $"Manage {Team}" }), "Manage"));
            await p.GetByRole(AriaRole.Button, new() { Name = $"Manage {Team}" }).ClickAsync();
            await check.PageAsync(p, "admin-team-members", Heading(p, "Teams"), navigation: false,
                (p.GetByRole(AriaRole.Button, new() { Name = "Save quotas" }), "Save quotas"),
                (p.GetByRole(AriaRole.Button, new() { Name = "Add member" }), "Add member"));

            await GoAsync(p, "admin/users");
            await check.PageAsync(p, "admin-users", Heading(p, "Users"), navigation: true,
                (p.GetByRole(AriaRole.Button, new() { Name = "Create user" }), "Create user"),
                (p.GetByRole(AriaRole.Button, new() { Name = "Create vendor" }), "Create vendor"),
                (p.GetByRole(AriaRole.Button, new() { Name = $"Reset password of {Vendor}" }), "Reset password"));

            await GoAsync(p, "admin/audit");
            await check.PageAsync(p, "admin-audit", Heading(p, "Audit log"), navigation: true,
                (p.GetByRole(AriaRole.Button, new() { Name = "Apply" }), "Apply"),
                (p.GetByRole(AriaRole.Table, new() { Name = "Audit entries" }), "the audit entries"),
                (p.GetByRole(AriaRole.Button, new() { Name = "Next page" }), "Next page"));
            check.Console(page);
        }

        await using (var page = await NewPageAsync(width, height))
        {
            var p = page.Page;
            await PortalSetup.SignInAsync(page, Vendor);
            await GoAsync(p, "vendor");
            await check.PageAsync(p, "vendor", Heading(p, "Vendor area"), navigation: true,
                (p.GetByRole(AriaRole.Button, new() { Name = "Upload", Exact = true }), "Upload"),
                (p.GetByRole(AriaRole.Cell, new() { Name = "Greeter", Exact = true }).First, "the catalogue versions"));
            check.Console(page);
        }

        Assert.True(check.Problems.Count == 0, $"{check.Problems.Count} layout problem(s) at {width}x{height}{(dark ? " (dark)" : "")}:\n" + string.Join('\n', check.Problems));
    }

    private static ILocator Heading(IPage page, string name) =>
        page.GetByRole(AriaRole.Heading, new() { Name = name, Exact = true, Level = 1 });

    /// <summary>Navigates inside the running app, as a click on a link does: the theme and the session stay.</summary>
    private static Task GoAsync(IPage page, string path) => page.EvaluateAsync("path => Blazor.navigateTo(path)", path);

    private async Task<PortalPage> NewPageAsync(int width, int height)
    {
        var page = await browser.NewPageAsync(app.BaseAddress);
        await page.Page.SetViewportSizeAsync(width, height);
        return page;
    }

    /// <summary>The admin, a team, a vendor user and one running Greeter 1.0.0 deployment, made once for every screen size.</summary>
    /// <remarks>Made once per server; a failure fails every screen size with the same message.</remarks>
    private Task<World> WorldAsync()
    {
        lock (Gate)
        {
            if (_world is not { } made || !ReferenceEquals(made.App, app))
            {
                made = (app, MakeWorldAsync(TestContext.Current.CancellationToken));
                _world = made;
            }

            return made.World;
        }
    }

    private async Task<World> MakeWorldAsync(CancellationToken ct)
    {
        int teamId;
        await using (var setup = await PortalSetup.AsAdminAsync(app, browser, Admin))
        {
            teamId = await setup.CreateTeamAsync(Team, memoryQuotaBytes: 1L << 30, cpus: 2, maxDeployments: 3);
            await app.WaitForDemoCatalogueAsync(ct);
            await setup.CreateUserAsync(Vendor, "vendor", DemoBundles.Vendor);
        }

        var api = await browser.NewApiAsync(app.BaseAddress);
        await using var _ = api;
        await SendAsync(api, "POST", "/api/v1/auth/login", new { username = Admin, password = PortalSetup.Password });
        using var appliances = await SendAsync(api, "GET", "/api/v1/appliances", null);
        var greeter = appliances.RootElement.EnumerateArray().Single(a => a.GetProperty("title").GetString() == "Greeter");
        var v1 = greeter.GetProperty("versions").EnumerateArray().Single(v => v.GetProperty("version").GetString() == "1.0.0").GetProperty("id").GetInt32();
        using var created = await SendAsync(api, "POST", $"/api/v1/teams/{teamId}/deployments", new
        {
            applianceVersionId = v1,
            name = Name,
            // A dictionary, so the setting names keep their case (anonymous types are camel-cased).
            config = new Dictionary<string, object> { ["AUDIENCE"] = "laptops", ["MAX_VISITORS"] = 5, ["ADMIN_TOKEN"] = "laptop-layout-admin-token" },
        });
        var id = created.RootElement.GetProperty("id").GetGuid();
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
        limit.CancelAfter(TimeSpan.FromSeconds(120));
        while (true)
        {
            using var deployment = await SendAsync(api, "GET", $"/api/v1/teams/{teamId}/deployments/{id}", null);
            if (deployment.RootElement.GetProperty("status").GetString() == "Running")
            {
                break;
            }

            await Task.Delay(500, limit.Token);
        }

        return new World(teamId, greeter.GetProperty("id").GetInt32(), id);
    }

    private static async Task<JsonDocument> SendAsync(IAPIRequestContext api, string method, string path, object? body)
    {
        var options = new APIRequestContextOptions { Method = method };
        if (body is not null)
        {
            // Serialised here: setting names in a config dictionary keep their case.
            options.Data = JsonSerializer.Serialize(body, JsonSerializerOptions.Web);
            options.Headers = new Dictionary<string, string> { ["Content-Type"] = "application/json" };
        }

        var response = await api.FetchAsync(path, options);
        var text = await response.TextAsync();
        Assert.True(response.Ok, $"{method} {path} answered {response.Status}: {text}");
        return JsonDocument.Parse(string.IsNullOrEmpty(text) ? "null" : text);
    }

    private sealed record World(int TeamId, int ApplianceId, Guid DeploymentId);
}
