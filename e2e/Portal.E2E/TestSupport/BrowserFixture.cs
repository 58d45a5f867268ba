using Microsoft.Playwright;

namespace Portal.E2E.TestSupport;

/// <summary>
/// One headless chromium for the whole run (an assembly fixture): Debian's /usr/bin/chromium driven by the node
/// driver bundled in Microsoft.Playwright, so nothing is downloaded (no browser download step is ever needed).
/// Launched on first use, so a run that skips every test (not root) never starts it.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private static readonly string[] ChromiumArgs =
    [
        "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
    ];

    private readonly SemaphoreSlim _gate = new(1, 1);
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    /// <summary>A new browser context (own cookies and storage: one signed-in user) with one page, relative URLs resolved against <paramref name="baseAddress"/>.</summary>
    public async Task<PortalPage> NewPageAsync(Uri baseAddress)
    {
        var browser = await LaunchAsync();
        var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = baseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = 1366, Height = 768 },
        });
        return new PortalPage(context, await context.NewPageAsync());
    }

    /// <summary>An HTTP client with Playwright's cookie handling, for API calls around a journey.</summary>
    public async Task<IAPIRequestContext> NewApiAsync(Uri baseAddress)
    {
        await LaunchAsync();
        return await _playwright!.APIRequest.NewContextAsync(new APIRequestNewContextOptions { BaseURL = baseAddress.ToString() });
    }

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.CloseAsync();
        }

        _playwright?.Dispose();
        _gate.Dispose();
    }

    private async Task<IBrowser> LaunchAsync()
    {
        await _gate.WaitAsync(TestContext.Current.CancellationToken);
        try
        {
            if (_browser is null)
            {
                if (!File.Exists(ChromiumPath))
                {
                    throw new FileNotFoundException($"chromium not found at {ChromiumPath}: install the Debian package (./portal test does)", ChromiumPath);
                }

                _playwright = await Playwright.CreateAsync();
                _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
                {
                    ExecutablePath = ChromiumPath,
                    Headless = true,
                    Args = ChromiumArgs,
                });
            }

            return _browser;
        }
        finally
        {
            _gate.Release();
        }
    }
}
