using Portal.E2E.TestSupport;

namespace Portal.E2E.Harness;

/// <summary>The page helpers themselves, on markup set by the test (no server).</summary>
[Trait("Category", Root.Category)]
public sealed class PortalPageTests(BrowserFixture browser)
{
    private static readonly Uri NoServer = new("http://127.0.0.1:9/");

    [Fact]
    public async Task Waits_for_the_interactive_marker_and_saves_a_screenshot()
    {
        Root.Require();
        await using var page = await browser.NewPageAsync(NoServer);
        await page.Page.SetContentAsync(
            "<title>Portal</title><main>loading</main>" +
            "<script>setTimeout(() => { document.querySelector('main').setAttribute('data-portal-interactive', ''); document.querySelector('main').textContent = 'ready'; }, 300)</script>");

        await page.WaitUntilInteractiveAsync();
        Assert.Equal("ready", await page.Page.Locator("main").TextContentAsync());

        var path = await page.ScreenshotAsync("harness-interactive");
        Assert.Equal(Path.Combine(RepoPaths.Root, "e2e", "artifacts", "harness-interactive.png"), path);
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], (await File.ReadAllBytesAsync(path, TestContext.Current.CancellationToken))[..4]);
    }

    [Fact]
    public async Task A_page_that_never_becomes_interactive_fails_naming_the_marker_and_the_console_error()
    {
        Root.Require();
        await using var page = await browser.NewPageAsync(NoServer);
        await page.Page.SetContentAsync("<main>prerendered</main><script>throw new Error('wasm boot failed')</script>");

        var error = await Assert.ThrowsAsync<TimeoutException>(() => page.WaitUntilInteractiveAsync(TimeSpan.FromSeconds(1)));

        Assert.Contains(PortalPage.InteractiveMarker, error.Message, StringComparison.Ordinal);
        Assert.Contains("wasm boot failed", error.Message, StringComparison.Ordinal);
    }
}
