using Microsoft.Playwright;

namespace Portal.E2E.TestSupport;

/// <summary>Screenshots of the main pages, saved under e2e/artifacts/ (ignored by git) for people to look at after a run.</summary>
public static class Screenshots
{
    public static async Task<string> SaveAsync(IPage page, string name)
    {
        if (string.IsNullOrWhiteSpace(name) || name.IndexOfAny(['/', '\\']) >= 0 || name.StartsWith('.'))
        {
            throw new ArgumentException($"screenshot name '{name}' must be a plain file name without extension", nameof(name));
        }

        Directory.CreateDirectory(RepoPaths.Artifacts);
        var path = Path.Combine(RepoPaths.Artifacts, name + ".png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        return path;
    }
}
