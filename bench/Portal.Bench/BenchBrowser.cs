using Microsoft.Playwright;

namespace Portal.Bench;

/// <summary>Debian's chromium, headless, with the flags this machine kind needs (research/tooling.md); never a downloaded browser.</summary>
internal static class BenchBrowser
{
    private const string ChromiumPath = "/usr/bin/chromium";
    private static readonly string[] ChromiumArgs =
        ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"];

    public static Task<IBrowser> LaunchAsync(IPlaywright playwright) =>
        playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = ChromiumPath, Headless = true, Args = ChromiumArgs });
}
