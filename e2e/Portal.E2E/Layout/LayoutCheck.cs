using Microsoft.Playwright;
using Portal.E2E.TestSupport;
using static Microsoft.Playwright.Assertions;

namespace Portal.E2E.Layout;

/// <summary>Runs <see cref="LayoutProbe"/> on one page after another at one window size and collects every problem, named by page.</summary>
internal sealed class LayoutCheck(string prefix)
{
    private readonly List<string> _problems = [];

    public IReadOnlyList<string> Problems => _problems;

    /// <summary>
    /// Waits for the page's h1, then checks the h1 and <paramref name="actions"/> are in reach, nothing overflows the
    /// window, saves the screenshot, and (when <paramref name="navigation"/>) that the navigation is open or one button away.
    /// </summary>
    public async Task PageAsync(IPage page, string name, ILocator heading, bool navigation, params (ILocator Locator, string Name)[] actions)
    {
        await Expect(heading).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await page.EvaluateAsync("() => window.scrollTo(0, 0)");
        Add(name, await LayoutProbe.ReachableAsync(heading, "the h1"));
        foreach (var (locator, what) in actions)
        {
            Add(name, await LayoutProbe.ReachableAsync(locator, what));
        }

        await page.EvaluateAsync("() => window.scrollTo(0, 0)");
        Add(name, await LayoutProbe.OverflowAsync(page));
        await Screenshots.SaveAsync(page, $"{prefix}-{name}");
        if (navigation)
        {
            await NavigationAsync(page, name);
        }
    }

    /// <summary>Like <see cref="PageAsync"/> for an open dialog, which must also fit inside the window as a whole.</summary>
    public async Task DialogAsync(IPage page, string name, ILocator dialog, ILocator heading, params (ILocator Locator, string Name)[] actions)
    {
        await Expect(heading).ToBeVisibleAsync(new() { Timeout = 30_000 });
        Add(name, await LayoutProbe.InsideWindowAsync(dialog, "the dialog"));
        Add(name, await LayoutProbe.ReachableAsync(heading, "the dialog's heading"));
        foreach (var (locator, what) in actions)
        {
            Add(name, await LayoutProbe.ReachableAsync(locator, what));
        }

        Add(name, await LayoutProbe.OverflowAsync(page));
        await Screenshots.SaveAsync(page, $"{prefix}-{name}");
    }

    /// <summary>Errors the browser logged other than refused requests (e.g. the anonymous /auth/me before login).</summary>
    public void Console(PortalPage page) =>
        Add("console", page.ConsoleErrors.Where(e => !e.Contains("Failed to load resource", StringComparison.Ordinal)).ToList());

    /// <summary>Goes to <paramref name="linkName"/> through the navigation as a person does; a drawer opened for it must close again.</summary>
    public async Task FollowNavigationAsync(IPage page, string linkName)
    {
        var link = page.GetByRole(AriaRole.Link, new() { Name = linkName, Exact = true });
        var opened = false;
        if (!await LayoutProbe.InViewAsync(link))
        {
            await page.GetByRole(AriaRole.Button, new() { Name = "Toggle navigation" }).ClickAsync();
            await Expect(link).ToBeInViewportAsync(new() { Ratio = 1 });
            opened = true;
        }

        await link.ClickAsync();
        if (opened)
        {
            try
            {
                await Expect(link).Not.ToBeInViewportAsync(new() { Timeout = 5_000 });
            }
            catch (PlaywrightException)
            {
                Add(linkName, ["the navigation opened by its button stays over the page after choosing a page in it"]);
            }
        }
    }

    private async Task NavigationAsync(IPage page, string name)
    {
        var link = page.GetByRole(AriaRole.Link, new() { Name = "My deployments", Exact = true });
        if (await LayoutProbe.InViewAsync(link))
        {
            return;
        }

        var toggle = page.GetByRole(AriaRole.Button, new() { Name = "Toggle navigation" });
        var problems = await LayoutProbe.ReachableAsync(toggle, "the navigation (neither open nor its button)");
        Add(name, problems);
        if (problems.Count > 0)
        {
            return;
        }

        await toggle.ClickAsync();
        await Expect(link).ToBeInViewportAsync(new() { Ratio = 1 });
        Add(name, await LayoutProbe.ReachableAsync(link, "the navigation opened by its button"));
        await Screenshots.SaveAsync(page, $"{prefix}-{name}-navigation");
        if (await LayoutProbe.InViewAsync(toggle))
        {
            await toggle.ClickAsync();
        }
        else
        {
            // The button is under the drawer's overlay: a click beside the drawer closes it, as a person would do.
            var size = page.ViewportSize!;
            await page.Mouse.ClickAsync(size.Width - 20, size.Height / 2);
        }

        try
        {
            await Expect(link).Not.ToBeInViewportAsync(new() { Timeout = 5_000 });
        }
        catch (PlaywrightException)
        {
            Add(name, ["the navigation opened by its button does not close again"]);
        }
    }

    private void Add(string page, IEnumerable<string> problems) => _problems.AddRange(problems.Select(p => $"{page}: {p}"));
}
