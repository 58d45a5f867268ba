using System.Text;
using Portal.Engine.Logs;
using Portal.Engine.Spec;
using Portal.Engine.Tests.TestSupport;

namespace Portal.Engine.Tests.Logs;

public sealed class LogTests : IDisposable
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);
    private readonly TempDirectory temp = new();
    private DateTimeOffset now = T0;

    public void Dispose() => temp.Dispose();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private string LogPath => temp.Combine("container.log");

    private LogWriter Writer(long maxBytes = 1 << 20, int maxFiles = 3) =>
        new(new LogSpec(LogPath, maxBytes, maxFiles), () => now);

    private void Write(LogWriter w, string text, LogStream stream = LogStream.Stdout)
    {
        w.Write(stream, Encoding.UTF8.GetBytes(text), full: true);
        now = now.AddSeconds(1);
    }

    private async Task<List<string>> ReadAsync(LogReadOptions options, Task? exited = null)
    {
        var lines = new List<string>();
        await foreach (var e in LogReader.ReadAsync(LogPath, options, exited ?? Task.CompletedTask, Ct))
        {
            lines.Add((e.Stream == LogStream.Stdout ? "o:" : "e:") + Encoding.UTF8.GetString(e.Line.Span));
        }

        return lines;
    }

    [Fact]
    public void LinesAreCriFormattedWithNanosecondUtcTimes()
    {
        using (var w = Writer())
        {
            now = new DateTimeOffset(2026, 1, 2, 3, 4, 5, 123, TimeSpan.FromHours(2)).AddTicks(4567);
            w.Write(LogStream.Stderr, "hello world"u8, full: true);
            w.Write(LogStream.Stdout, "no newline"u8, full: false);
        }

        Assert.Equal(
            "2026-01-02T01:04:05.123456700Z stderr F hello world\n2026-01-02T01:04:05.123456700Z stdout P no newline\n",
            File.ReadAllText(LogPath));
    }

    [Fact]
    public void DecodeRoundTripsAndKeepsTheNewlineOfFullLines()
    {
        var entry = LogFormat.Decode("2026-01-02T01:04:05.123456789Z stdout F a b"u8);
        Assert.NotNull(entry);
        Assert.Equal(new DateTimeOffset(2026, 1, 2, 1, 4, 5, TimeSpan.Zero).AddTicks(1234567), entry.Time);
        Assert.Equal("a b\n", Encoding.UTF8.GetString(entry.Line.Span));
        Assert.Equal("x", Encoding.UTF8.GetString(LogFormat.Decode("2026-01-02T01:04:05Z stderr P x"u8)!.Line.Span));
        Assert.Null(LogFormat.Decode("garbage"u8));
        Assert.Null(LogFormat.Decode("2026-01-02T01:04:05Z stdin F x"u8));
    }

    [Fact]
    public void LongLinesAreSplitIntoPartialsAtTheCap()
    {
        using (var w = Writer())
        {
            w.Write(LogStream.Stdout, new byte[LogFormat.MaxLineBytes * 2 + 10], full: true);
        }

        var flags = File.ReadAllLines(LogPath).Select(l => l.Split(' ')[2]).ToList();
        Assert.Equal(["P", "P", "F"], flags);
    }

    [Fact]
    public async Task RotationKeepsMaxFilesAndTheReaderReadsThemInOrder()
    {
        using (var w = Writer(maxBytes: 200, maxFiles: 3))
        {
            for (var i = 0; i < 20; i++)
            {
                Write(w, $"line {i:D2}");
            }
        }

        Assert.True(File.Exists(LogPath + ".1"));
        Assert.True(File.Exists(LogPath + ".2"));
        Assert.False(File.Exists(LogPath + ".3"));
        Assert.All(new[] { LogPath, LogPath + ".1", LogPath + ".2" }, f => Assert.True(new FileInfo(f).Length <= 200));
        var lines = await ReadAsync(new LogReadOptions());
        var numbers = lines.Select(l => int.Parse(l[7..9], System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(19, numbers[^1]);
        Assert.Equal(Enumerable.Range(numbers[0], numbers.Count), numbers);
        Assert.True(numbers[0] > 0, "the oldest lines were rotated away");
    }

    [Fact]
    public async Task TailSinceUntilAndStreamsSelect()
    {
        using (var w = Writer())
        {
            for (var i = 0; i < 6; i++)
            {
                Write(w, $"{i}", i % 2 == 0 ? LogStream.Stdout : LogStream.Stderr);
            }
        }

        Assert.Equal(["o:4\n", "e:5\n"], await ReadAsync(new LogReadOptions { Tail = 2 }));
        Assert.Empty(await ReadAsync(new LogReadOptions { Tail = 0 }));
        Assert.Equal(["o:0\n", "o:2\n", "o:4\n"], await ReadAsync(new LogReadOptions { Stderr = false }));
        Assert.Equal(["e:1\n", "e:3\n", "e:5\n"], await ReadAsync(new LogReadOptions { Stdout = false }));
        Assert.Equal(["o:2\n", "e:3\n"], await ReadAsync(new LogReadOptions { Since = T0.AddSeconds(2), Until = T0.AddSeconds(3) }));
        Assert.Equal(["e:3\n"], await ReadAsync(new LogReadOptions { Until = T0.AddSeconds(3), Tail = 1 }));
    }

    [Fact]
    public async Task FollowSeesNewLinesAcrossRotationAndEndsWhenTheContainerExits()
    {
        var w = Writer(maxBytes: 150, maxFiles: 2);
        Write(w, "before");
        var exited = new TaskCompletionSource();
        var seen = new List<string>();
        var reader = Task.Run(async () =>
        {
            await foreach (var e in LogReader.ReadAsync(LogPath, new LogReadOptions { Follow = true }, exited.Task, Ct))
            {
                lock (seen)
                {
                    seen.Add(Encoding.UTF8.GetString(e.Line.Span).TrimEnd());
                }
            }
        }, Ct);

        for (var i = 0; i < 8; i++)
        {
            Write(w, $"after {i}");
            await Task.Delay(150, Ct);
        }

        Assert.True(File.Exists(LogPath + ".1"), "the log rotated while followed");
        Write(w, "last");
        w.Dispose();
        exited.SetResult();
        await reader.WaitAsync(TimeSpan.FromSeconds(10), Ct);
        Assert.Equal(["before", .. Enumerable.Range(0, 8).Select(i => $"after {i}"), "last"], seen);
    }

    [Fact]
    public async Task FollowOfAMissingLogWaitsForItAndEndsAtExit()
    {
        var exited = new TaskCompletionSource();
        var read = ReadAsync(new LogReadOptions { Follow = true }, exited.Task);
        await Task.Delay(200, Ct);
        using (var w = Writer())
        {
            Write(w, "late");
        }

        await Task.Delay(300, Ct);
        exited.SetResult();
        Assert.Equal(["o:late\n"], await read.WaitAsync(TimeSpan.FromSeconds(10), Ct));
    }

    [Fact]
    public async Task FollowOfAnEmptyLogKeepsReadingItAfterItIsDeleted()
    {
        // The engine creates an empty log at container create: an attach made before start then holds the
        // file open, so a quick --rm container that is removed before the reader wakes still has its output read.
        File.WriteAllBytes(LogPath, []);
        var exited = new TaskCompletionSource();
        var read = ReadAsync(new LogReadOptions { Follow = true }, exited.Task);
        using (var w = Writer())
        {
            Write(w, "quick");
        }

        File.Delete(LogPath);
        exited.SetResult();
        Assert.Equal(["o:quick\n"], await read.WaitAsync(TimeSpan.FromSeconds(10), Ct));
    }
}
