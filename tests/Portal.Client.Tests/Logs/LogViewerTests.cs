using System.Threading.Channels;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Portal.Client.Components.Logs;
using Portal.Client.Services;
using Portal.Client.Tests.TestSupport;

namespace Portal.Client.Tests.Logs;

/// <summary>The log viewer fed from a channel in place of the hub stream.</summary>
public sealed class LogViewerTests : MudTestContext
{
    private readonly Channel<DeploymentLogLine> _lines = Channel.CreateUnbounded<DeploymentLogLine>();

    public LogViewerTests() => Services.AddFakeLive(fakeClock: false);

    private IRenderedComponent<LogViewer> RenderViewer() => Render<LogViewer>(p => p
        .Add(v => v.DeploymentId, Guid.NewGuid())
        .Add(v => v.RenderInterval, TimeSpan.Zero)
        .Add(v => v.Source, ct => _lines.Reader.ReadAllAsync(ct)));

    private void Write(string text, string stream = "stdout") =>
        Assert.True(_lines.Writer.TryWrite(new DeploymentLogLine(DateTimeOffset.UnixEpoch, stream, text)));

    private static IReadOnlyList<string> Shown(IRenderedComponent<LogViewer> cut) =>
        [.. cut.FindAll(".log-line").Select(l => l.TextContent)];

    [Fact]
    public async Task Search_wraps_each_match_in_mark_and_counts_matching_lines()
    {
        var cut = RenderViewer();
        Write("alpha error one");
        Write("beta");
        Write("an ERROR and an error");
        cut.WaitForAssertion(() => Assert.Equal(3, cut.FindAll(".log-line").Count));

        await cut.InvokeAsync(() => cut.Find("input").Input("error"));

        cut.WaitForAssertion(() => Assert.Equal(["error", "ERROR", "error"], cut.FindAll("mark").Select(m => m.TextContent)));
        Assert.Equal("2 matching lines", cut.Find("[data-log-matches]").TextContent);
        Assert.Equal("alpha error one", cut.FindAll(".log-line")[0].TextContent);
        Assert.Empty(cut.FindAll(".log-line")[1].QuerySelectorAll("mark"));
    }

    [Fact]
    public async Task Paused_it_counts_new_lines_and_the_new_lines_button_follows_again()
    {
        var cut = RenderViewer();
        Write("one");
        Write("two");
        cut.WaitForAssertion(() => Assert.Equal(["one", "two"], Shown(cut)));

        await cut.InvokeAsync(() => cut.FindAll("button").Single(b => b.TextContent.Contains("Pause", StringComparison.Ordinal)).Click());
        Write("three");
        Write("four");
        Write("five");

        cut.WaitForAssertion(() => Assert.Equal("3 new lines", cut.Find("[data-log-follow]").TextContent.Trim()));
        Assert.Equal(["one", "two"], Shown(cut));

        await cut.InvokeAsync(() => cut.Find("[data-log-follow]").Click());

        cut.WaitForAssertion(() => Assert.Equal(["one", "two", "three", "four", "five"], Shown(cut)));
        Assert.Empty(cut.FindAll("[data-log-follow]"));
    }

    [Fact]
    public void Markup_and_escape_sequences_are_shown_as_inert_text()
    {
        var cut = RenderViewer();
        Write("<script>alert('x')</script><b>bold</b>");
        Write("\u001b[31mred\u001b[0m done");

        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll(".log-line").Count));

        Assert.Empty(cut.FindAll("script"));
        Assert.Empty(cut.FindAll(".log-line b"));
        Assert.Equal(["<script>alert('x')</script><b>bold</b>", "red done"], Shown(cut));
        Assert.DoesNotContain("\u001b", cut.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void Stderr_lines_are_marked_with_a_class_and_a_label_for_screen_readers()
    {
        var cut = RenderViewer();
        Write("fine");
        Write("broken", "stderr");

        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll(".log-line").Count));

        var lines = cut.FindAll(".log-line");
        Assert.DoesNotContain("log-stderr", lines[0].ClassList);
        Assert.Contains("log-stderr", lines[1].ClassList);
        Assert.Equal("stderr: broken", lines[1].TextContent);
        Assert.Equal("fine", lines[0].TextContent);
    }

    [Fact]
    public async Task Timestamps_show_when_switched_on()
    {
        var cut = RenderViewer();
        Write("hello");
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll(".log-line")));
        Assert.Empty(cut.FindAll(".log-time"));

        await cut.InvokeAsync(() => cut.Find("input[type=checkbox]").Change(true));

        cut.WaitForAssertion(() => Assert.Single(cut.FindAll(".log-time")));
        Assert.EndsWith("hello", cut.Find(".log-line").TextContent, StringComparison.Ordinal);
    }
}
