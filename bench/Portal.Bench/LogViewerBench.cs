using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.Playwright;

namespace Portal.Bench;

/// <summary>
/// issue #5 "the log viewer stays smooth at thousands of lines": the deployment page of the real server in Debian's
/// chromium, following an appliance that logs about 300 lines/s, side by side with a naive viewer (every line a text
/// node appended to a scrolling &lt;pre&gt;, scrolled to the bottom) fed the same lines at the same rate, interleaved.
/// </summary>
internal static class LogViewerBench
{
    private const string User = "bench";
    private const string Password = "correct horse battery staple";
    private const int Tail = 1000;
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(10);

    public static async Task<int> RunAsync(BenchArguments arguments, string repoRoot, string work, CancellationToken cancellationToken)
    {
        var loadBefore = HostFacts.LoadAverage;
        Progress("writing the log-spamming bundle and starting Portal.Server (Release)");
        var bundle = LogSpamBundle.Write(work);
        await using var server = await BenchPortalServer.StartAsync(repoRoot, work, cancellationToken).ConfigureAwait(false);
        using var playwright = await Playwright.CreateAsync().ConfigureAwait(false);
        await using var browser = await BenchBrowser.LaunchAsync(playwright).ConfigureAwait(false);
        var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = server.Address.ToString(),
            ViewportSize = new ViewportSize { Width = 1366, Height = 768 },
        }).ConfigureAwait(false);
        await context.AddInitScriptAsync(FrameProbe.InitScript).ConfigureAwait(false);
        var api = context.APIRequest;
        string? deployment = null;
        try
        {
            await SendAsync(api, "POST", "/api/v1/setup", new { token = await server.SetupTokenAsync(cancellationToken).ConfigureAwait(false), username = User, password = Password }).ConfigureAwait(false);
            await SendAsync(api, "POST", "/api/v1/auth/login", new { username = User, password = Password }).ConfigureAwait(false);
            var vendor = (await SendAsync(api, "POST", "/api/v1/vendors", new { name = "Portal Demo", displayName = "Portal Demo" }).ConfigureAwait(false)).GetProperty("id").GetInt32();
            var team = (await SendAsync(api, "POST", "/api/v1/teams", new { name = "Bench", memoryQuotaBytes = 1L << 30, cpus = 2, maxDeployments = 3 }).ConfigureAwait(false)).GetProperty("id").GetInt32();
            await SendAsync(api, "POST", $"/api/v1/catalogues?vendorId={vendor}", null, await File.ReadAllBytesAsync(bundle, cancellationToken).ConfigureAwait(false)).ConfigureAwait(false);
            var appliances = await SendAsync(api, "GET", "/api/v1/appliances", null).ConfigureAwait(false);
            var versionId = appliances.EnumerateArray().Single(a => a.GetProperty("title").GetString() == "Welcome Site")
                .GetProperty("versions").EnumerateArray().Single(v => v.GetProperty("version").GetString() == LogSpamBundle.Version).GetProperty("id").GetInt32();
            var deployed = await SendAsync(api, "POST", $"/api/v1/teams/{team}/deployments", new { applianceVersionId = versionId, name = "logspam" }).ConfigureAwait(false);
            deployment = $"/api/v1/teams/{team}/deployments/{deployed.GetProperty("id").GetString()}";
            await WaitRunningAsync(api, deployment, cancellationToken).ConfigureAwait(false);
            Progress("deployed; letting it log for a few seconds so the page opens on a full tail");
            await Task.Delay(TimeSpan.FromSeconds(5), cancellationToken).ConfigureAwait(false);

            var portal = new List<(FrameStats Stream, FrameStats Scroll)>();
            var anchor = new List<(FrameStats Stream, FrameStats Scroll)>();
            var path = "/deployments/" + team.ToString(CultureInfo.InvariantCulture) + "/" + deployed.GetProperty("id").GetString();
            for (var round = 0; round <= arguments.Runs; round++)
            {
                var p = await MeasureAsync(context, path, portal: true, cancellationToken).ConfigureAwait(false);
                // The naive viewer gets the lines at the rate Portal's page just showed them: the same work for both.
                var a = await MeasureAsync(context, "http://anchor.bench/", portal: false, cancellationToken, LogViewerReport.Rate(p)).ConfigureAwait(false);
                if (round > 0)
                {
                    portal.Add(p);
                    anchor.Add(a);
                }

                Progress($"round {round}{(round == 0 ? " (warm-up)" : "")}: frame p95 Portal {p.Stream.P95:0.0} ms, naive {a.Stream.P95:0.0} ms");
            }

            LogViewerReport.Write(Console.Out, arguments.Runs, portal, anchor, loadBefore, HostFacts.LoadAverage);
            return 0;
        }
        finally
        {
            if (deployment is not null)
            {
                var removed = await api.FetchAsync(deployment, new APIRequestContextOptions { Method = "DELETE" }).ConfigureAwait(false);
                Progress($"deployment removed: {removed.Status}");
            }

            await context.CloseAsync().ConfigureAwait(false);
        }
    }

    private static async Task<(FrameStats Stream, FrameStats Scroll)> MeasureAsync(IBrowserContext context, string url, bool portal, CancellationToken cancellationToken,
        double linesPerSecond = 0)
    {
        var page = await context.NewPageAsync().ConfigureAwait(false);
        try
        {
            if (!portal)
            {
                await page.RouteAsync("http://anchor.bench/**", route => route.FulfillAsync(new RouteFulfillOptions { ContentType = "text/html", Body = AnchorPage(linesPerSecond) })).ConfigureAwait(false);
            }

            await page.GotoAsync(url).ConfigureAwait(false);
            await page.Locator(portal ? "[role=log] .log-line" : "[role=log] pre:not(:empty)").First.WaitForAsync(new() { Timeout = 90_000 }).ConfigureAwait(false);
            await page.EvaluateAsync(FrameProbe.Start).ConfigureAwait(false);
            await Task.Delay(Window, cancellationToken).ConfigureAwait(false);
            var stream = Stats(await page.EvaluateAsync<JsonElement>(FrameProbe.Stop).ConfigureAwait(false));
            await page.EvaluateAsync(FrameProbe.Start).ConfigureAwait(false);
            await page.EvaluateAsync(FrameProbe.StartScrolling, 200).ConfigureAwait(false);
            await Task.Delay(Window, cancellationToken).ConfigureAwait(false);
            await page.EvaluateAsync(FrameProbe.StopScrolling).ConfigureAwait(false);
            var scroll = Stats(await page.EvaluateAsync<JsonElement>(FrameProbe.Stop).ConfigureAwait(false));
            return (stream, scroll);
        }
        finally
        {
            await page.CloseAsync().ConfigureAwait(false);
        }
    }

    /// <summary>What a plain log viewer does: the tail, then every line appended as a text node and the box scrolled to the bottom.</summary>
    private static string AnchorPage(double linesPerSecond) => $$"""
        <!doctype html><html><head><title>naive log viewer</title></head><body style="margin:0">
        <div role="log" style="height:28rem;overflow:auto;font-family:monospace;font-size:13px"><pre style="margin:0"></pre></div>
        <script>
        const box = document.querySelector('[role=log]'), pre = box.firstElementChild;
        window.__lines = 0;
        function append(k) {
          for (let i = 0; i < k; i++) pre.appendChild(document.createTextNode(++window.__lines + ' {{LogSpamBundle.LineText}}\n'));
          box.scrollTop = box.scrollHeight;
        }
        append({{Tail}});
        const perTick = {{(linesPerSecond / 10).ToString(CultureInfo.InvariantCulture)}}; let owed = 0;
        setInterval(() => { owed += perTick; const k = Math.floor(owed); owed -= k; append(k); }, 100);
        </script></body></html>
        """;

    private static FrameStats Stats(JsonElement e) => new(
        e.GetProperty("frames").GetInt32(), e.GetProperty("p50").GetDouble(), e.GetProperty("p95").GetDouble(), e.GetProperty("max").GetDouble(),
        e.GetProperty("over50").GetInt32(), e.GetProperty("longTasks").GetInt32(), e.GetProperty("longTaskMs").GetDouble(), e.GetProperty("longTaskMax").GetDouble(),
        e.GetProperty("nodes").GetInt32(), e.GetProperty("logNodes").GetInt32(), e.GetProperty("textNodes").GetInt32(), e.GetProperty("heap").GetDouble(),
        e.GetProperty("newest").GetDouble(), e.GetProperty("startNewest").GetDouble(), e.GetProperty("firstLineAt").ValueKind == JsonValueKind.Number ? e.GetProperty("firstLineAt").GetDouble() : null);

    private static async Task WaitRunningAsync(IAPIRequestContext api, string deployment, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(120))
        {
            var status = (await SendAsync(api, "GET", deployment, null).ConfigureAwait(false)).GetProperty("status").GetString();
            if (string.Equals(status, "Running", StringComparison.OrdinalIgnoreCase))
            {
                return;
            }

            await Task.Delay(500, cancellationToken).ConfigureAwait(false);
        }

        throw new TimeoutException($"the deployment {deployment} did not run within 120 s");
    }

    private static async Task<JsonElement> SendAsync(IAPIRequestContext api, string method, string path, object? body, byte[]? bytes = null)
    {
        var options = new APIRequestContextOptions { Method = method };
        if (bytes is not null)
        {
            options.DataByte = bytes;
            options.Headers = new Dictionary<string, string> { ["Content-Type"] = "application/gzip" };
        }
        else if (body is not null)
        {
            options.DataObject = body;
        }

        var response = await api.FetchAsync(path, options).ConfigureAwait(false);
        var text = await response.TextAsync().ConfigureAwait(false);
        if (!response.Ok)
        {
            throw new InvalidOperationException($"{method} {path} answered {response.Status}: {text}");
        }

        using var doc = JsonDocument.Parse(string.IsNullOrEmpty(text) ? "null" : text);
        return doc.RootElement.Clone();
    }

    private static void Progress(string message) => Console.Error.WriteLine("bench: " + message);
}
