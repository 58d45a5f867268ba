using Portal.Client.Components.Logs;

namespace Portal.Client.Tests.Logs;

public sealed class LogBufferTests
{
    private static DeploymentLogLine Line(string text, string stream = "stdout") => new(DateTimeOffset.UnixEpoch, stream, text);

    [Fact]
    public void The_ring_keeps_only_the_newest_lines_oldest_first()
    {
        var buffer = new LogBuffer(capacity: 3);

        for (var i = 1; i <= 7; i++)
        {
            buffer.Add(Line($"line {i}"));
        }

        Assert.Equal(3, buffer.Count);
        Assert.Equal(7, buffer.Total);
        Assert.Equal(["line 5", "line 6", "line 7"], buffer.Lines().Select(l => l.Text));
        Assert.Equal([5L, 6L, 7L], buffer.Lines().Select(l => l.Sequence));
    }

    [Fact]
    public void The_default_capacity_caps_thousands_of_lines_at_5000()
    {
        var buffer = new LogBuffer();

        for (var i = 0; i < 12_000; i++)
        {
            buffer.Add(Line(i.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }

        Assert.Equal(5000, buffer.Visible.Count);
        Assert.Equal("7000", buffer.Visible[0].Text);
        Assert.Equal("11999", buffer.Visible[^1].Text);
    }

    [Fact]
    public void Paused_the_view_stays_and_new_lines_are_counted_until_it_follows_again()
    {
        var buffer = new LogBuffer(capacity: 10);
        buffer.Add(Line("a"));
        buffer.Add(Line("b"));

        buffer.Pause();
        buffer.Add(Line("c"));
        buffer.Add(Line("d"));
        buffer.Add(Line("e"));

        Assert.True(buffer.IsPaused);
        Assert.Equal(3, buffer.NewWhilePaused);
        Assert.Equal(["a", "b"], buffer.Visible.Select(l => l.Text));

        buffer.Resume();

        Assert.False(buffer.IsPaused);
        Assert.Equal(0, buffer.NewWhilePaused);
        Assert.Equal(["a", "b", "c", "d", "e"], buffer.Visible.Select(l => l.Text));
    }

    [Fact]
    public void Lines_are_cleaned_marked_by_stream_and_written_as_text()
    {
        var buffer = new LogBuffer();
        buffer.Add(new DeploymentLogLine(new DateTimeOffset(2025, 1, 2, 3, 4, 5, TimeSpan.Zero), "stderr", "\u001b[31mboom\u001b[0m"));
        buffer.Add(Line("ok"));

        Assert.Equal([true, false], buffer.Lines().Select(l => l.IsStderr));
        Assert.Equal("[stderr] boom\nok\n", buffer.ToText(timestamps: false));
        Assert.StartsWith("2025-01-02T03:04:05.0000000+00:00 [stderr] boom\n", buffer.ToText(timestamps: true), StringComparison.Ordinal);
    }

    [Fact]
    public void A_capacity_below_one_is_refused()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new LogBuffer(0));
        Assert.Equal("capacity", e.ParamName);
    }

    [Fact]
    public void Matches_follow_the_term_as_lines_come_drop_out_pause_and_clear()
    {
        var buffer = new LogBuffer(capacity: 4);
        buffer.Add(Line("an Error"));
        buffer.Add(Line("fine"));
        buffer.Term = "error";
        Assert.Equal(1, buffer.Matches);

        buffer.Add(Line("ERROR again"));
        buffer.Add(Line("fine"));
        buffer.Add(Line("fine"));
        Assert.Equal(1, buffer.Matches);

        buffer.Pause();
        buffer.Add(Line("error while paused"));
        Assert.Equal(1, buffer.Matches);
        buffer.Term = "fine";
        Assert.Equal(3, buffer.Matches);

        buffer.Resume();
        Assert.Equal(2, buffer.Matches);
        Assert.Equal(buffer.Visible.Count(l => l.Text.Contains("fine", StringComparison.OrdinalIgnoreCase)), buffer.Matches);

        buffer.Term = null;
        Assert.Equal(0, buffer.Matches);
        buffer.Term = "e";
        buffer.Clear();
        Assert.Equal(0, buffer.Matches);
    }

    [Fact]
    public void Following_the_visible_lines_are_the_ring_itself_and_follow_it_without_a_copy()
    {
        var buffer = new LogBuffer(capacity: 3);
        var visible = buffer.Visible;
        buffer.Add(Line("a"));
        buffer.Add(Line("b"));
        buffer.Add(Line("c"));
        buffer.Add(Line("d"));

        Assert.Same(visible, buffer.Visible);
        Assert.Equal(["b", "c", "d"], visible.Select(l => l.Text));
        Assert.Equal(["c", "d"], visible.Skip(1).Take(5).Select(l => l.Text));
        Assert.True(visible.IsReadOnly);
        Assert.Throws<NotSupportedException>(() => visible.Add(visible[0]));
        Assert.Throws<ArgumentOutOfRangeException>(() => visible[3]);
    }
}
