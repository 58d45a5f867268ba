using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Portal.E2E.TestSupport;
using static Microsoft.Playwright.Assertions;

namespace Portal.E2E.Journeys;

/// <summary>
/// Journey 2 in a real browser: a vendor uploads a bundle with two mistakes and reads each with its path in the report
/// (nothing is imported), uploads the fixed bundle, follows its progress to the end and sees the versions it added,
/// then finds its appliances in the catalogue. The admin and the vendor user are set up through the API.
/// </summary>
[Trait("Category", Root.Category)]
public sealed partial class VendorJourneyTests(PortalAppWithoutDemo app, BrowserFixture browser) : IClassFixture<PortalAppWithoutDemo>
{
    /// <summary>The demo bundle's first appliance directory (appliances[0] in catalogue.yaml).</summary>
    private const string FirstManifest = "welcome/1.0.0/appliance.yaml";

    /// <summary>The demo bundle's last appliance directory (appliances[5]).</summary>
    private const string LastManifest = "greeter/2.0.0/appliance.yaml";

    /// <summary>Records every caption the upload's progress bar shows, so a phase shown only briefly is not missed.</summary>
    private const string RecordProgress = """
        () => {
            window.portalProgress = [];
            new MutationObserver(() => {
                for (const phase of document.querySelectorAll('.upload-progress .upload-phase')) {
                    const text = phase.textContent.trim();
                    if (window.portalProgress.at(-1) !== text) window.portalProgress.push(text);
                }
            }).observe(document.body, { childList: true, subtree: true, characterData: true });
        }
        """;

    [Fact]
    public async Task A_bundle_with_mistakes_is_reported_by_path_then_the_fixed_bundle_fills_the_catalogue()
    {
        Root.Require();
        await using (var setup = await PortalSetup.AsAdminAsync(app, browser))
        {
            await setup.CreateVendorAsync(DemoBundles.Vendor);
            await setup.CreateUserAsync("vera", "vendor", DemoBundles.Vendor);
        }

        var fixedBundle = DemoBundles.Write(app.Directory, "portal-demo.tar.gz");
        var brokenBundle = DemoBundles.Rewrite(fixedBundle, Path.Combine(app.Directory, "portal-demo-broken.tar.gz"), new Dictionary<string, Func<string, string>>
        {
            [FirstManifest] = yaml => yaml.Replace("  webUi:\n    port: 8080", "  webUi:\n    port: 9090", StringComparison.Ordinal),
            [LastManifest] = yaml => yaml.Replace("  title: Greeter\n", "  title: Greeter\n  colour: purple\n", StringComparison.Ordinal),
        });

        await using var page = await browser.NewPageAsync(app.BaseAddress);
        await PortalSetup.SignInAsync(page, "vera");
        await page.Page.GetByRole(AriaRole.Link, new() { Name = "Vendor area", Exact = true }).ClickAsync();
        await Expect(page.Page.GetByRole(AriaRole.Heading, new() { Name = "Vendor area" })).ToBeVisibleAsync();
        await Expect(page.Page.GetByText("No catalogue uploaded yet.")).ToBeVisibleAsync();
        var upload = page.Page.GetByRole(AriaRole.Button, new() { Name = "Upload", Exact = true });
        await Expect(upload).ToBeDisabledAsync();

        await page.Page.GetByLabel("Catalogue bundle").SetInputFilesAsync(brokenBundle);
        await Expect(page.Page.GetByText("portal-demo-broken.tar.gz")).ToBeVisibleAsync();
        await upload.ClickAsync();
        await Expect(page.Page.GetByText("The bundle was refused with 2 problem(s): nothing was changed.")).ToBeVisibleAsync(new() { Timeout = 60_000 });
        var first = page.Page.GetByRole(AriaRole.Table, new() { Name = "Problems of Appliance 1 (appliances[0])" });
        await Expect(first.GetByRole(AriaRole.Row).Filter(new() { HasText = "appliances[0].x-appliance.webUi.port" }))
            .ToContainTextAsync("9090 is not exposed by the image");
        var last = page.Page.GetByRole(AriaRole.Table, new() { Name = "Problems of Appliance 6 (appliances[5])" });
        await Expect(last.GetByRole(AriaRole.Row).Filter(new() { HasText = "colour" })).ToContainTextAsync("unknown key");
        await page.ScreenshotAsync("vendor-upload-report");
        await Expect(page.Page.GetByText("No catalogue uploaded yet.")).ToBeVisibleAsync();

        await page.Page.EvaluateAsync(RecordProgress);
        await page.Page.GetByLabel("Catalogue bundle").SetInputFilesAsync(fixedBundle);
        await upload.ClickAsync();
        await Expect(page.Page.GetByText("Catalogue Portal Demo 1.0.0 imported: 6 version(s) added.")).ToBeVisibleAsync(new() { Timeout = 60_000 });
        var added = page.Page.GetByRole(AriaRole.Table, new() { Name = "Added versions" });
        await Expect(added.GetByRole(AriaRole.Row)).ToHaveCountAsync(7);
        foreach (var id in new[] { "io.portal.demo.welcome", "io.portal.demo.notes", "io.portal.demo.greeter" })
        {
            await Expect(added.GetByRole(AriaRole.Row).Filter(new() { HasText = id })).ToHaveCountAsync(2);
        }

        var progress = await page.Page.EvaluateAsync<string[]>("() => window.portalProgress");
        Assert.True(progress.Length > 0, "the upload showed no progress");
        Assert.Matches(FinishedStep(), progress[^1]);
        Assert.Equal(progress.Select(StepOf).Order(), progress.Select(StepOf));

        var catalogues = page.Page.GetByRole(AriaRole.Table, new() { Name = "Catalogue versions" });
        await Expect(catalogues).ToContainTextAsync("Greeter");
        await Expect(catalogues.GetByRole(AriaRole.Row)).ToHaveCountAsync(7);
        await page.ScreenshotAsync("vendor-area");

        await page.Page.GetByRole(AriaRole.Link, new() { Name = "Catalogue", Exact = true }).ClickAsync();
        await Expect(page.Page.GetByRole(AriaRole.Heading, new() { Name = "Catalogue", Exact = true })).ToBeVisibleAsync();
        foreach (var title in new[] { "Welcome Site", "Notes", "Greeter" })
        {
            await Expect(page.Page.GetByRole(AriaRole.Heading, new() { Name = title, Exact = true })).ToBeVisibleAsync();
            await Expect(page.Page.GetByRole(AriaRole.Button, new() { Name = $"Deploy {title} 2.0.0" })).ToBeVisibleAsync();
        }

        Assert.DoesNotContain(page.ConsoleErrors, e => !e.Contains("Failed to load resource", StringComparison.Ordinal));
        await AssertTheApiListsTheCatalogueAsync();
    }

    private static int StepOf(string caption) => int.Parse(StepNumber().Match(caption).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The refused upload left nothing behind: one catalogue version, the fixed one.</summary>
    private async Task AssertTheApiListsTheCatalogueAsync()
    {
        await using var setup = await browser.NewApiAsync(app.BaseAddress);
        var login = await setup.PostAsync("/api/v1/auth/login", new() { DataObject = new { username = "vera", password = PortalSetup.Password } });
        Assert.True(login.Ok, await login.TextAsync());
        using var catalogues = JsonDocument.Parse(await (await setup.GetAsync("/api/v1/catalogues")).BodyAsync());
        Assert.Equal(["1.0.0"], catalogues.RootElement.EnumerateArray().Select(c => c.GetProperty("catalogueVersion").GetString()));
    }

    [GeneratedRegex(@"^Step 5 of 5 · Finished: Imported")]
    private static partial Regex FinishedStep();

    [GeneratedRegex(@"^Step (\d+) of")]
    private static partial Regex StepNumber();
}
