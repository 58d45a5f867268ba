using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.Playwright;

namespace Portal.Bench;

/// <summary>
/// How long a browser tab takes until Portal's web app is interactive (the layout's <c>[data-portal-interactive]</c>
/// marker on the sign-in page): the published server `./portal run` starts (trimmed, precompressed web app) against the
/// Release build output it used to run (every framework assembly, untrimmed). Both servers run at once; each round
/// opens a fresh browser context on one, then on the other (cold: nothing cached), and reloads the page in the same
/// context (warm: the browser's cache).
/// </summary>
internal static class AppStartBench
{
    private const string Marker = "[data-portal-interactive]";

    public static async Task<int> RunAsync(BenchArguments arguments, string repoRoot, string work, CancellationToken cancellationToken)
    {
        var loadBefore = HostFacts.LoadAverage;
        Progress("starting the published server and the build output's server");
        await using var published = await BenchPortalServer.StartAsync(repoRoot, Directory.CreateDirectory(Path.Combine(work, "published")).FullName, cancellationToken).ConfigureAwait(false);
        await using var built = await BenchPortalServer.StartAsync(repoRoot, Directory.CreateDirectory(Path.Combine(work, "built")).FullName, cancellationToken, published: false).ConfigureAwait(false);
        using var playwright = await Playwright.CreateAsync().ConfigureAwait(false);
        await using var browser = await BenchBrowser.LaunchAsync(playwright).ConfigureAwait(false);

        var results = new Dictionary<string, Times> { ["published"] = new(), ["build output"] = new() };
        for (var round = 0; round <= arguments.Runs; round++)
        {
            foreach (var (name, server) in new[] { ("published", published), ("build output", built) })
            {
                var sample = await MeasureAsync(browser, server.Address, cancellationToken).ConfigureAwait(false);
                if (round > 0)
                {
                    results[name].Add(sample);
                }

                Progress($"round {round}{(round == 0 ? " (warm-up)" : "")}: {name} cold {sample.Cold:F0} ms, warm {sample.Warm:F0} ms, {sample.Bytes / 1024.0 / 1024.0:F1} MiB");
            }
        }

        Console.WriteLine(Report(results, arguments.Runs, browser.Version, loadBefore, HostFacts.LoadAverage));
        return 0;
    }

    private static async Task<Sample> MeasureAsync(IBrowser browser, Uri address, CancellationToken cancellationToken)
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = address.ToString(),
            ViewportSize = new ViewportSize { Width = 1366, Height = 768 },
        }).ConfigureAwait(false);
        try
        {
            var page = await context.NewPageAsync().ConfigureAwait(false);
            long bytes = 0;
            page.Response += (_, response) => bytes += long.TryParse(response.Headers.GetValueOrDefault("content-length"), out var n) ? n : 0;
            var cold = await OpenAsync(page, cancellationToken).ConfigureAwait(false);
            var coldBytes = bytes;
            var warm = await OpenAsync(page, cancellationToken).ConfigureAwait(false);
            return new Sample(cold, warm, coldBytes);
        }
        finally
        {
            await context.CloseAsync().ConfigureAwait(false);
        }
    }

    private static async Task<double> OpenAsync(IPage page, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var clock = Stopwatch.StartNew();
        await page.GotoAsync("/login").ConfigureAwait(false);
        await page.WaitForSelectorAsync(Marker, new PageWaitForSelectorOptions { State = WaitForSelectorState.Attached, Timeout = 120_000 }).ConfigureAwait(false);
        return clock.Elapsed.TotalMilliseconds;
    }

    private static string Report(Dictionary<string, Times> results, int runs, string chromium, string loadBefore, string loadAfter)
    {
        var p = results["published"];
        var b = results["build output"];
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"Host: {Environment.ProcessorCount} CPUs, kernel {HostFacts.Kernel}; chromium {chromium} headless (--disable-gpu).");
        text.AppendLine(CultureInfo.InvariantCulture, $"Load average (1/5/15 min) before: {loadBefore}; after: {loadAfter}.");
        text.AppendLine(CultureInfo.InvariantCulture, $"{runs} measured rounds after 1 warm-up round; each round: a fresh context on the published server, then on the build output's; medians.");
        text.AppendLine();
        text.AppendLine("| metric | published (`./portal run`) | build output | published / build output |");
        text.AppendLine("|---|---:|---:|---:|");
        Row(text, "cold tab until interactive, ms", p.Cold, b.Cold);
        Row(text, "warm reload until interactive, ms", p.Warm, b.Warm);
        Row(text, "bytes received by the cold tab, MiB", p.MiB, b.MiB);
        return text.ToString();
    }

    private static void Row(StringBuilder text, string name, List<double> published, List<double> built)
    {
        var (a, b) = (Median(published), Median(built));
        text.AppendLine(CultureInfo.InvariantCulture, $"| {name} | {a:0.#} | {b:0.#} | {a / b:0.00}× |");
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }

    private static void Progress(string message) => Console.Error.WriteLine("bench: " + message);

    private sealed record Sample(double Cold, double Warm, long Bytes);

    private sealed class Times
    {
        public List<double> Cold { get; } = [];

        public List<double> Warm { get; } = [];

        public List<double> MiB { get; } = [];

        public void Add(Sample sample)
        {
            Cold.Add(sample.Cold);
            Warm.Add(sample.Warm);
            MiB.Add(sample.Bytes / 1024.0 / 1024.0);
        }
    }
}
