using System.Globalization;

namespace Portal.Bench;

/// <summary>The log viewer scenario's markdown: per metric the median over the rounds for each viewer and the ratio Portal / naive.</summary>
internal static class LogViewerReport
{
    public static void Write(TextWriter output, int runs, IReadOnlyList<(FrameStats Stream, FrameStats Scroll)> portal,
        IReadOnlyList<(FrameStats Stream, FrameStats Scroll)> anchor, string loadBefore, string loadAfter)
    {
        output.WriteLine(Invariant($"Host: {HostFacts.Cpus} CPUs, kernel {HostFacts.Kernel}; chromium {ChromiumVersion()} headless (--disable-gpu)."));
        output.WriteLine($"Load average (1/5/15 min) before: {loadBefore}; after: {loadAfter}.");
        output.WriteLine(Invariant($"{runs} measured rounds after 1 warm-up round; each round: Portal's deployment page, then the naive viewer, each a fresh tab, 10 s following + 10 s following with a scrollTop jump every 200 ms. Medians over the rounds."));
        output.WriteLine();
        output.WriteLine("| metric | window | Portal | naive `<pre>` | Portal / naive |");
        output.WriteLine("|---|---|---:|---:|---:|");
        foreach (var (window, pick) in new (string, Func<(FrameStats Stream, FrameStats Scroll), FrameStats>)[] { ("following", s => s.Stream), ("following + scrolling", s => s.Scroll) })
        {
            Row(output, "frame interval p50, ms", window, portal, anchor, s => pick(s).P50);
            Row(output, "frame interval p95, ms", window, portal, anchor, s => pick(s).P95);
            Row(output, "frame interval max, ms", window, portal, anchor, s => pick(s).Max);
            Row(output, "frames > 50 ms", window, portal, anchor, s => pick(s).Over50);
            Row(output, "frames", window, portal, anchor, s => pick(s).Frames);
            Row(output, "long tasks", window, portal, anchor, s => pick(s).LongTasks);
            Row(output, "long tasks, total ms", window, portal, anchor, s => pick(s).LongTaskMs);
            Row(output, "longest task, ms", window, portal, anchor, s => pick(s).LongTaskMax);
        }

        Row(output, "lines shown per s (newest line number advance)", "following", portal, anchor, Rate);
        Row(output, "elements + nodes in the log box at the end", "end", portal, anchor, s => s.Scroll.LogNodes);
        Row(output, "text nodes in the log box at the end", "end", portal, anchor, s => s.Scroll.TextNodes);
        Row(output, "elements in the page at the end", "end", portal, anchor, s => s.Scroll.Nodes);
        Row(output, "JS heap used at the end, MB", "end", portal, anchor, s => s.Scroll.Heap / (1 << 20));
        Row(output, "first log line on screen, ms after navigation", "open", portal, anchor, s => s.Stream.FirstLineAt ?? double.NaN);
    }

    private static void Row(TextWriter output, string metric, string window, IReadOnlyList<(FrameStats Stream, FrameStats Scroll)> portal,
        IReadOnlyList<(FrameStats Stream, FrameStats Scroll)> anchor, Func<(FrameStats Stream, FrameStats Scroll), double> value)
    {
        var p = Median(portal.Select(value));
        var a = Median(anchor.Select(value));
        var ratio = a == 0 ? (p == 0 ? "–" : "∞") : Invariant($"{p / a:0.00}×");
        output.WriteLine(Invariant($"| {metric} | {window} | {p:0.#} | {a:0.#} | {ratio} |"));
    }

    /// <summary>Lines per second while following (scrolled to the end, so the newest line shown is the newest line received).</summary>
    public static double Rate((FrameStats Stream, FrameStats Scroll) s) => (s.Stream.Newest - s.Stream.StartNewest) / 10.0;

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count == 0 ? double.NaN : sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }

    private static string ChromiumVersion()
    {
        try
        {
            using var process = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("/usr/bin/chromium", "--version") { RedirectStandardOutput = true, RedirectStandardError = true })!;
            var text = process.StandardOutput.ReadToEnd().Trim();
            process.WaitForExit();
            return text;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return "(version unknown)";
        }
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
