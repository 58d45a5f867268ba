using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Portal.E2E.TestSupport;
using static Microsoft.Playwright.Assertions;

namespace Portal.E2E.Journeys;

/// <summary>
/// Journey 3 in a real browser, on the demo catalogue: a team member finds Greeter, deploys 1.0.0 with config values
/// (markup included) and sees them escaped on the appliance's own page, watches its log and a chart move live, upgrades
/// to 2.0.0 and rolls back with confirmations naming both versions, sees new log lines and chart samples after a server
/// restart without reloading, and removes the deployment with its data. Admin, team (with quotas) and member come from
/// the API.
/// </summary>
[Trait("Category", Root.Category)]
public sealed partial class TeamMemberJourneyTests(PortalApp app, BrowserFixture browser) : IClassFixture<PortalApp>
{
    private const string Member = "tess";
    private const string Name = "hello-e2e";
    private const string Greeting = "<b>Hi</b> & welcome";
    private const string Audience = "<script>alert(1)</script>";

    /// <summary>The engine pulls nothing (images are imported), but creating, starting and health-checking take a while on a busy host.</summary>
    private static readonly LocatorAssertionsToBeVisibleOptions EngineWork = new() { Timeout = 60_000 };

    /// <summary>Whether the log shows a heartbeat the appliance printed after <c>since</c> (Unix ms); demo appliances log one every 5 s.</summary>
    private const string HeartbeatAfter = """
        since => [...document.querySelectorAll('[role=log] .log-line')].some(line => {
            const m = line.textContent.match(/heartbeat \d+ at (\S+Z)/);
            return m !== null && Date.parse(m[1]) > since;
        })
        """;

    /// <summary>The newest heartbeat time in the log (Unix ms), or 0.</summary>
    private const string NewestHeartbeat = """
        () => Math.max(0, ...[...document.querySelectorAll('[role=log] .log-line')]
            .map(line => line.textContent.match(/heartbeat \d+ at (\S+Z)/))
            .filter(m => m !== null)
            .map(m => Date.parse(m[1])))
        """;

    /// <summary>The live CPU chart's line (its path data), or null while the chart has no points.</summary>
    private const string CpuLine = """
        () => document.querySelector("figure[aria-label='CPU chart'] path.mud-chart-line")?.getAttribute('d') ?? null
        """;

    [Fact]
    public async Task Find_deploy_with_values_watch_logs_and_charts_upgrade_roll_back_and_remove()
    {
        Root.Require();
        await using (var setup = await PortalSetup.AsAdminAsync(app, browser))
        {
            var team = await setup.CreateTeamAsync("Blue", memoryQuotaBytes: 1L << 30, cpus: 2, maxDeployments: 3);
            await setup.AddMemberAsync(team, await setup.CreateUserAsync(Member));
        }

        await app.WaitForDemoCatalogueAsync(TestContext.Current.CancellationToken);
        await using var page = await browser.NewPageAsync(app.BaseAddress);
        var p = page.Page;
        await PortalSetup.SignInAsync(page, Member);

        await p.GetByRole(AriaRole.Link, new() { Name = "Catalogue", Exact = true }).ClickAsync();
        await Expect(p.GetByRole(AriaRole.Heading, new() { Name = "Notes", Exact = true })).ToBeVisibleAsync();
        await page.ScreenshotAsync("catalogue");
        await p.GetByLabel("Search appliances").FillAsync("greet");
        await Expect(p.GetByRole(AriaRole.Heading, new() { Name = "Notes", Exact = true })).ToHaveCountAsync(0);
        await Expect(p.GetByRole(AriaRole.Heading, new() { Name = "Greeter", Exact = true })).ToBeVisibleAsync();

        await p.GetByRole(AriaRole.Link, new() { Name = "Details of Greeter" }).ClickAsync();
        await Expect(p.GetByRole(AriaRole.Heading, new() { Name = "Greeter", Level = 1 })).ToBeVisibleAsync();
        await Expect(p.GetByRole(AriaRole.Heading, new() { Name = "Security disclosure" })).ToBeVisibleAsync();
        await Expect(p.GetByRole(AriaRole.Table, new() { Name = "Versions" })).ToContainTextAsync("First release.");
        await page.ScreenshotAsync("appliance-page");
        await p.GetByRole(AriaRole.Button, new() { NameRegex = EnlargeGreeter() }).First.ClickAsync();
        var enlarged = p.GetByRole(AriaRole.Dialog);
        var shot = enlarged.GetByRole(AriaRole.Img, new() { NameRegex = new Regex("^Greeter") });
        await Expect(shot).ToBeVisibleAsync();
        Assert.True(await shot.EvaluateAsync<bool>("img => img.decode().then(() => img.naturalWidth > 0, () => false)"), "the enlarged screenshot did not load");
        await page.ScreenshotAsync("screenshot-dialog");
        await enlarged.GetByRole(AriaRole.Button, new() { Name = "Close", Exact = true }).ClickAsync();
        await Expect(enlarged).ToHaveCountAsync(0);

        await p.GetByRole(AriaRole.Button, new() { Name = "Deploy version 1.0.0" }).ClickAsync();
        var dialog = p.GetByRole(AriaRole.Dialog);
        await Expect(dialog.GetByRole(AriaRole.Heading, new() { Name = "Deploy Greeter 1.0.0" })).ToBeVisibleAsync();
        await Expect(dialog.GetByTestId("team-quota")).ToBeVisibleAsync();
        await dialog.GetByLabel("Deployment name").FillAsync(Name);
        await dialog.GetByLabel("Greeting", new() { Exact = true }).FillAsync(Greeting);
        await dialog.GetByLabel("Audience", new() { Exact = true }).FillAsync(Audience);
        await dialog.GetByLabel("Visitors shown").FillAsync("7");
        await page.ScreenshotAsync("deploy-dialog");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Deploy", Exact = true }).ClickAsync();
        await Expect(dialog.GetByText($"{Name} is running.")).ToBeVisibleAsync(EngineWork);
        await page.ScreenshotAsync("deploy-dialog-running");

        var webUi = await dialog.GetByRole(AriaRole.Link, new() { Name = "Open web UI" }).GetAttributeAsync("href");
        Assert.NotNull(webUi);
        var appliance = await p.Context.NewPageAsync();
        await OpenWebUiAsync(appliance, webUi, "1.0.0");
        await Expect(appliance.Locator("#greeting")).ToHaveTextAsync(Greeting);
        await Expect(appliance.Locator("#audience")).ToHaveTextAsync(Audience);
        await Expect(appliance.Locator("#max-visitors")).ToHaveTextAsync("7");
        await Expect(appliance.Locator("#admin-token")).ToContainTextAsync("24 characters, not shown");
        await Expect(appliance.Locator("#config b, #config script")).ToHaveCountAsync(0);
        await Expect(appliance.Locator(".version")).ToHaveTextAsync("version 1.0.0");
        await Screenshots.SaveAsync(appliance, "appliance-web-ui");

        await dialog.GetByRole(AriaRole.Button, new() { Name = "Close" }).ClickAsync();
        await p.GetByRole(AriaRole.Link, new() { Name = "My deployments", Exact = true }).ClickAsync();
        var row = p.GetByRole(AriaRole.Table, new() { Name = "Deployments" }).GetByRole(AriaRole.Row).Filter(new() { HasText = Name });
        await Expect(row).ToContainTextAsync("Greeter 1.0.0");
        await Expect(row.Locator("[data-upgrade-badge]")).ToContainTextAsync("Upgrade available: 2.0.0");
        await Expect(row.GetByRole(AriaRole.Link, new() { Name = $"Open web UI of {Name}" })).ToBeVisibleAsync();
        await page.ScreenshotAsync("deployments");

        await row.GetByRole(AriaRole.Link, new() { Name = Name, Exact = true }).ClickAsync();
        await Expect(p.GetByRole(AriaRole.Heading, new() { Name = Name, Level = 1 })).ToBeVisibleAsync();
        await ExpectVersionAsync(p, "1.0.0");
        var log = p.GetByRole(AriaRole.Log, new() { Name = $"Log of {Name} lines" });
        await Expect(log).ToContainTextAsync("heartbeat", new() { Timeout = 30_000 });
        await WaitForHeartbeatAfterAsync(p, await p.EvaluateAsync<double>(NewestHeartbeat));

        await p.GetByRole(AriaRole.Button, new() { Name = "Pause" }).ClickAsync();
        var newLines = p.GetByRole(AriaRole.Button, new() { NameRegex = NewLines() });
        await Expect(newLines).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await newLines.ClickAsync();
        await Expect(p.GetByRole(AriaRole.Button, new() { Name = "Pause" })).ToBeVisibleAsync();
        await p.GetByLabel("Search the log").FillAsync("heartbeat");
        await Expect(p.Locator("[data-log-matches]")).ToHaveTextAsync(MatchingLines());
        await Expect(log.Locator("mark").First).ToHaveTextAsync("heartbeat");
        await page.ScreenshotAsync("deployment-logs");
        await p.GetByLabel("Search the log").FillAsync("");

        await p.GetByRole(AriaRole.Tab, new() { Name = "Metrics" }).ClickAsync();
        var cpu = p.GetByRole(AriaRole.Group, new() { Name = "CPU chart", Exact = true });
        await Expect(cpu.Locator("[data-chart-summary]")).ToContainTextAsync(new Regex(@"Latest: .*\d"), new() { Timeout = 30_000 });
        var line = cpu.Locator("path.mud-chart-line").First;
        var drawn = await line.GetAttributeAsync("d");
        await Expect(line).Not.ToHaveAttributeAsync("d", drawn ?? "", new() { Timeout = 30_000 });
        await Expect(p.GetByRole(AriaRole.Group, new() { Name = "Memory chart", Exact = true }).Locator("[data-chart-summary]")).ToContainTextAsync(new Regex(@"\d"));
        await page.ScreenshotAsync("deployment-metrics");
        await p.GetByRole(AriaRole.Tab, new() { Name = "Events" }).ClickAsync();
        await Expect(p.GetByRole(AriaRole.Tabpanel)).Not.ToContainTextAsync("No events yet.");
        await page.ScreenshotAsync("deployment-events");
        await p.GetByRole(AriaRole.Tab, new() { Name = "Logs" }).ClickAsync();

        await p.GetByRole(AriaRole.Button, new() { Name = "Upgrade", Exact = true }).ClickAsync();
        await ConfirmAsync(p, $"Upgrade {Name} from 1.0.0 to 2.0.0?", "Upgrade");
        await ExpectVersionAsync(p, "2.0.0");
        await Expect(p.Locator("[data-status='Running']").First).ToBeVisibleAsync(EngineWork);
        var upgradedUi = await p.GetByRole(AriaRole.Link, new() { Name = $"Open web UI of {Name}" }).GetAttributeAsync("href");
        await OpenWebUiAsync(appliance, upgradedUi!, "2.0.0");
        await Expect(appliance.Locator(".version")).ToHaveTextAsync("version 2.0.0");
        await Expect(appliance.Locator("#greeting")).ToHaveTextAsync(Greeting);

        await p.GetByRole(AriaRole.Button, new() { Name = "Roll back to 1.0.0" }).ClickAsync();
        await ConfirmAsync(p, $"Roll back {Name} from 2.0.0 to 1.0.0?", "Roll back");
        await ExpectVersionAsync(p, "1.0.0");
        await Expect(p.Locator("[data-status='Running']").First).ToBeVisibleAsync(EngineWork);
        await page.ScreenshotAsync("deployment-rolled-back");

        // After a server restart the page reconnects by itself: new log lines and live samples arrive without a reload.
        await app.RestartAsync(TestContext.Current.CancellationToken);
        await WaitForHeartbeatAfterAsync(p, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), timeout: 60_000);
        await p.GetByRole(AriaRole.Tab, new() { Name = "Metrics" }).ClickAsync();
        var beforeReconnect = await p.EvaluateAsync<string?>(CpuLine);
        await p.WaitForFunctionAsync($"before => {{ const d = {CpuLine}(); return d !== null && d !== before; }}", beforeReconnect, new() { Timeout = 60_000, PollingInterval = 250 });
        await Expect(p.Locator("[data-status='Running']").First).ToBeVisibleAsync(EngineWork);

        await p.GetByRole(AriaRole.Button, new() { Name = $"Remove {Name}" }).ClickAsync();
        var remove = p.GetByRole(AriaRole.Dialog);
        await Expect(remove).ToContainTextAsync($"Remove {Name}?");
        await remove.GetByRole(AriaRole.Button, new() { Name = "Remove and delete data" }).ClickAsync();
        await Expect(p.GetByRole(AriaRole.Heading, new() { Name = "My deployments", Exact = true })).ToBeVisibleAsync(EngineWork);
        await Expect(p.GetByText("Your teams have no deployments yet.")).ToBeVisibleAsync();
        await Expect(p.GetByRole(AriaRole.Link, new() { Name = Name, Exact = true })).ToHaveCountAsync(0);

        Assert.DoesNotContain(page.ConsoleErrors, e => !IsExpectedConsoleNoise(e));
    }

    /// <summary>The heading's version line: "Greeter <strong>1.0.0</strong>".</summary>
    private static Task ExpectVersionAsync(IPage page, string version) =>
        Expect(page.Locator("p > strong").First).ToHaveTextAsync(version, new() { Timeout = 60_000 });

    /// <summary>
    /// Opens the appliance's own web UI and waits until it serves <paramref name="version"/>. Portal reports Running
    /// only once the web UI answers (proven without retries in EngineDeploymentTests), but right after an upgrade this
    /// page may still show the old container's Running for a moment, whose web UI then goes away: so a refused
    /// connection or the old version is tried again for 30 s.
    /// </summary>
    private static async Task OpenWebUiAsync(IPage appliance, string url, string version)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                await appliance.GotoAsync(url);
                if (await appliance.Locator(".version").TextContentAsync(new() { Timeout = 5_000 }) == $"version {version}")
                {
                    return;
                }
            }
            catch (PlaywrightException)
            {
                // Refused, or a page without the version yet: the final attempt below reports what it got.
            }

            await Task.Delay(250, TestContext.Current.CancellationToken);
        }

        await appliance.GotoAsync(url);
        await Expect(appliance.Locator(".version")).ToHaveTextAsync($"version {version}");
    }

    private static async Task ConfirmAsync(IPage page, string question, string yes)
    {
        var confirm = page.GetByRole(AriaRole.Dialog);
        await Expect(confirm).ToContainTextAsync(question);
        await confirm.GetByRole(AriaRole.Button, new() { Name = yes, Exact = true }).ClickAsync();
        await Expect(confirm).ToHaveCountAsync(0);
    }

    private static Task WaitForHeartbeatAfterAsync(IPage page, double since, float timeout = 30_000) =>
        page.WaitForFunctionAsync(HeartbeatAfter, since, new() { Timeout = timeout, PollingInterval = 250 });

    /// <summary>Refused loads, and the connection errors SignalR logs while the server restarts (it then reconnects).</summary>
    private static bool IsExpectedConsoleNoise(string message) =>
        message.Contains("Failed to load resource", StringComparison.Ordinal)
        || message.Contains("WebSocket", StringComparison.OrdinalIgnoreCase)
        || message.Contains("connection", StringComparison.OrdinalIgnoreCase)
        || message.Contains("ERR_CONNECTION_REFUSED", StringComparison.Ordinal);

    [GeneratedRegex("^Enlarge: Greeter")]
    private static partial Regex EnlargeGreeter();

    [GeneratedRegex(@"^\d+ new lines?$")]
    private static partial Regex NewLines();

    [GeneratedRegex(@"^\d+ matching lines?$")]
    private static partial Regex MatchingLines();
}
