using System.Globalization;
using System.Threading.Channels;
using Bunit;
using Microsoft.AspNetCore.Components.Web.Virtualization;
using Microsoft.Extensions.DependencyInjection;
using Portal.Client.Components.Logs;
using Portal.Client.Services;
using Portal.Client.Tests.TestSupport;

namespace Portal.Client.Tests.Logs;

/// <summary>
/// The log viewer with more lines than its buffer holds (issue #5: "stays smooth at thousands of lines"): the DOM holds
/// a window of lines, not the log; the buffer keeps the newest 5000; a burst of lines is one render; search stays exact.
/// How fast that is in a browser is measured by bench/run --scenario logviewer (docs/benchmarks.md), not here.
/// </summary>
[Collection(AtScaleCollection.Name)]
public sealed partial class LogViewerAtScaleTests : MudTestContext
{
    private const int Capacity = LogBuffer.DefaultCapacity;
    private const int LineHeight = 20;
    private readonly Channel<DeploymentLogLine> _lines = Channel.CreateUnbounded<DeploymentLogLine>();
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private int _written;

    public LogViewerAtScaleTests() => Services.AddFakeLive(fakeClock: false);

    private IRenderedComponent<LogViewer> RenderViewer(TimeSpan renderInterval) => Render<LogViewer>(p => p
        .Add(v => v.DeploymentId, Guid.NewGuid())
        .Add(v => v.RenderInterval, renderInterval)
        .Add(v => v.Source, ct => _lines.Reader.ReadAllAsync(ct)));

    /// <summary>Writes <paramref name="count"/> lines at once; every 7th says "ERROR".</summary>
    private void WriteBurst(int count)
    {
        for (var i = 0; i < count; i++)
        {
            var n = ++_written;
            var text = n % 7 == 0
                ? $"line {n.ToString(CultureInfo.InvariantCulture)} ERROR disk full"
                : $"line {n.ToString(CultureInfo.InvariantCulture)} GET /api/items 200";
            Assert.True(_lines.Writer.TryWrite(new DeploymentLogLine(DateTimeOffset.UnixEpoch, "stdout", text)));
        }
    }

    private static int ExpectedMatches(int written) =>
        Enumerable.Range(Math.Max(1, written - Capacity + 1), Math.Min(written, Capacity)).Count(n => n % 7 == 0);

    private static List<long> RenderedSequences(IRenderedComponent<LogViewer> cut) =>
        [.. cut.FindAll(".log-line").Select(l => long.Parse(l.GetAttribute("data-seq")!, CultureInfo.InvariantCulture))];

    /// <summary>How many lines Virtualize lays out: the rendered ones plus those its two spacers stand for.</summary>
    private static int LaidOutLines<T>(IRenderedComponent<T> cut)
        where T : LogViewer
    {
        var spacers = cut.FindAll("[role=log] > div[aria-hidden=true]")
            .Sum(s => int.Parse(SpacerHeight().Match(s.GetAttribute("style") ?? "").Groups[1].Value, CultureInfo.InvariantCulture));
        return cut.FindAll(".log-line").Count + (spacers / LineHeight);
    }

    [Fact]
    public void Twelve_thousand_lines_keep_the_newest_5000_and_render_only_a_window_of_them()
    {
        var cut = RenderViewer(TimeSpan.FromMilliseconds(20));

        WriteBurst(12_000);

        cut.WaitForAssertion(() => Assert.Equal(12_000 - Capacity + 1, RenderedSequences(cut).FirstOrDefault()), Patience);
        Assert.Equal(Capacity, LaidOutLines(cut));
        var rendered = RenderedSequences(cut);
        Assert.InRange(rendered.Count, 1, Capacity / 20);
        Assert.Equal(Enumerable.Range(12_000 - Capacity + 1, rendered.Count).Select(n => (long)n), rendered);
        Assert.Equal(rendered.Count, cut.FindAll("[role=log] div").Count(d => !d.HasAttribute("aria-hidden")));
    }

    [Fact]
    public void A_burst_of_1500_lines_is_one_render_not_one_per_line()
    {
        using var wave = new SemaphoreSlim(0);
        async IAsyncEnumerable<DeploymentLogLine> Waves([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
        {
            for (var n = 1; ; n++)
            {
                await wave.WaitAsync(cancellationToken);
                for (var i = 0; i < 1_500; i++)
                {
                    yield return new DeploymentLogLine(DateTimeOffset.UnixEpoch, "stdout", $"wave {n} line {i}");
                }
            }
        }

        var cut = Render<CountingLogViewer>(p => p
            .Add(v => v.DeploymentId, Guid.NewGuid())
            .Add(v => v.RenderInterval, TimeSpan.FromMilliseconds(50))
            .Add(v => v.Source, Waves));

        for (var n = 1; n <= 4; n++)
        {
            var before = cut.Instance.Renders;
            wave.Release();
            var expected = Math.Min(n * 1_500, Capacity);
            cut.WaitForAssertion(() =>
            {
                Assert.Equal(expected, LaidOutLines(cut));
                Assert.True(before + 1 == cut.Instance.Renders, $"wave {n}: {cut.Instance.Renders} renders, before {before}, laid out {LaidOutLines(cut)}, bunit {cut.RenderCount}");
            }, Patience);
        }

        Assert.Equal(1 + 4, cut.Instance.Renders);
    }

    [Fact]
    public void Renders_hand_Virtualize_the_buffer_itself_not_a_5000_line_copy()
    {
        var cut = RenderViewer(TimeSpan.FromMilliseconds(20));
        WriteBurst(Capacity);
        cut.WaitForAssertion(() => Assert.Equal(Capacity, LaidOutLines(cut)), Patience);
        var items = cut.FindComponent<Virtualize<LogEntry>>().Instance.Items;

        WriteBurst(100);

        cut.WaitForAssertion(() => Assert.Equal(101, RenderedSequences(cut).First()), Patience);
        Assert.Same(items, cut.FindComponent<Virtualize<LogEntry>>().Instance.Items);
    }

    [Fact]
    public async Task Search_over_5000_lines_counts_and_marks_exactly_the_matching_lines_as_old_ones_drop_out()
    {
        var cut = RenderViewer(TimeSpan.FromMilliseconds(20));
        WriteBurst(6_000);
        cut.WaitForAssertion(() => Assert.Equal(1_001, RenderedSequences(cut).FirstOrDefault()), Patience);

        await cut.InvokeAsync(() => cut.Find("input").Input("error"));

        cut.WaitForAssertion(() => Assert.Equal($"{ExpectedMatches(6_000)} matching lines", cut.Find("[data-log-matches]").TextContent), Patience);
        AssertMarks(cut);

        WriteBurst(2_345);

        cut.WaitForAssertion(() => Assert.Equal(8_345 - Capacity + 1, RenderedSequences(cut).FirstOrDefault()), Patience);
        Assert.Equal($"{ExpectedMatches(8_345)} matching lines", cut.Find("[data-log-matches]").TextContent);
        AssertMarks(cut);
    }

    private static void AssertMarks(IRenderedComponent<LogViewer> cut)
    {
        foreach (var line in cut.FindAll(".log-line"))
        {
            var seq = long.Parse(line.GetAttribute("data-seq")!, CultureInfo.InvariantCulture);
            var marks = line.QuerySelectorAll("mark").Select(m => m.TextContent).ToList();
            Assert.Equal(seq % 7 == 0 ? ["ERROR"] : [], marks);
        }
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"height:\s*(\d+)px")]
    private static partial System.Text.RegularExpressions.Regex SpacerHeight();
}
