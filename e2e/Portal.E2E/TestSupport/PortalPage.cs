using System.Collections.Concurrent;
using Microsoft.Playwright;

namespace Portal.E2E.TestSupport;

/// <summary>One browser tab on the portal, in its own context. Collects the browser console's errors for failure messages.</summary>
public sealed class PortalPage : IAsyncDisposable
{
    /// <summary>MainLayout renders this attribute once the WebAssembly app is interactive; clicking earlier lands on prerendered markup.</summary>
    public const string InteractiveMarker = "[data-portal-interactive]";

    private static readonly TimeSpan InteractiveTimeout = TimeSpan.FromSeconds(60);
    private readonly IBrowserContext _context;
    private readonly ConcurrentQueue<string> _console = new();

    internal PortalPage(IBrowserContext context, IPage page)
    {
        _context = context;
        Page = page;
        page.Console += (_, message) =>
        {
            if (message.Type is "error" or "warning")
            {
                _console.Enqueue($"{message.Type}: {message.Text}");
            }
        };
        page.PageError += (_, error) => _console.Enqueue("uncaught: " + error);
    }

    public IPage Page { get; }

    /// <summary>The browser console's errors and warnings and uncaught exceptions so far.</summary>
    public IReadOnlyList<string> ConsoleErrors => [.. _console];

    /// <summary>Navigates to <paramref name="path"/> (relative to the server) and waits until the app is interactive.</summary>
    public async Task<IResponse?> OpenAsync(string path)
    {
        var response = await Page.GotoAsync(path);
        await WaitUntilInteractiveAsync();
        return response;
    }

    /// <summary>Waits for <see cref="InteractiveMarker"/>, e.g. after a reload or a server restart.</summary>
    public async Task WaitUntilInteractiveAsync(TimeSpan? timeout = null)
    {
        var limit = timeout ?? InteractiveTimeout;
        try
        {
            await Page.Locator(InteractiveMarker).First.WaitForAsync(new LocatorWaitForOptions
            {
                State = WaitForSelectorState.Attached,
                Timeout = (float)limit.TotalMilliseconds,
            });
        }
        catch (TimeoutException ex)
        {
            var shot = await ScreenshotAsync("not-interactive");
            throw new TimeoutException(
                $"{Page.Url}: the app did not become interactive: {InteractiveMarker} (rendered by MainLayout once the WebAssembly app runs) " +
                $"did not appear within {limit.TotalSeconds} s. Screenshot: {shot}. Browser console:\n{string.Join('\n', ConsoleErrors)}",
                ex);
        }
    }

    /// <summary>Saves a full-page PNG as e2e/artifacts/&lt;name&gt;.png and returns its path.</summary>
    public Task<string> ScreenshotAsync(string name) => Screenshots.SaveAsync(Page, name);

    public async ValueTask DisposeAsync() => await _context.CloseAsync();
}
