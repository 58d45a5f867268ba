using Portal.Client.Components.Logs;

namespace Portal.Client.Tests.Logs;

public sealed class LogSearchTests
{
    [Fact]
    public void Every_match_is_its_own_segment_case_insensitively_and_the_text_is_kept_whole()
    {
        var segments = LogSearch.Segments("Error: an error ERROR", "error");

        Assert.Equal(["Error", ": an ", "error", " ", "ERROR"], segments.Select(s => s.Text));
        Assert.Equal([true, false, true, false, true], segments.Select(s => s.IsMatch));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void Without_a_term_the_line_is_one_plain_segment(string? term) =>
        Assert.Equal([new TextSegment("some line", false)], LogSearch.Segments("some line", term));

    [Fact]
    public void No_match_leaves_the_line_plain_and_lines_are_counted()
    {
        Assert.Equal([new TextSegment("abc", false)], LogSearch.Segments("abc", "x"));
        var lines = new[] { new LogEntry(1, default, false, "GET /a"), new LogEntry(2, default, false, "post"), new LogEntry(3, default, true, "get again") };
        Assert.Equal(2, LogSearch.CountLines(lines, "get"));
        Assert.Equal(0, LogSearch.CountLines(lines, ""));
    }
}
