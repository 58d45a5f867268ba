using System.Globalization;
using System.Text;

namespace Portal.Client.Components.Logs;

/// <summary>
/// The newest <see cref="Capacity"/> lines of a log (a ring: the oldest line goes when a new one comes), and the
/// follow/pause state of a viewer: while paused, <see cref="Visible"/> stays as it was and <see cref="NewWhilePaused"/>
/// counts what arrived since. With a search <see cref="Term"/>, <see cref="Matches"/> counts the visible lines that
/// contain it, kept up to date line by line (a new line counts in, the line the ring drops counts out), so a viewer
/// never scans the whole buffer per render.
/// </summary>
public sealed class LogBuffer(int capacity = LogBuffer.DefaultCapacity)
{
    public const int DefaultCapacity = 5000;

    private readonly LogEntry?[] _ring = new LogEntry?[capacity > 0 ? capacity : throw new ArgumentOutOfRangeException(nameof(capacity), capacity, "capacity must be positive")];
    private int _start;
    private List<LogEntry>? _frozen;
    private long _pausedAt;
    private LogLines? _live;
    private string? _term;
    private int _liveMatches;
    private int _frozenMatches;

    public int Capacity => capacity;

    public int Count { get; private set; }

    /// <summary>Every line ever added, including those the ring dropped.</summary>
    public long Total { get; private set; }

    public bool IsPaused => _frozen is not null;

    public long NewWhilePaused => IsPaused ? Total - _pausedAt : 0;

    public LogEntry Add(DeploymentLogLine line)
    {
        ArgumentNullException.ThrowIfNull(line);
        var entry = new LogEntry(++Total, line.Time, string.Equals(line.Stream, "stderr", StringComparison.Ordinal), LogText.Clean(line.Text));
        if (LogSearch.Matches(entry.Text, _term))
        {
            _liveMatches++;
        }

        if (Count < _ring.Length)
        {
            _ring[(_start + Count) % _ring.Length] = entry;
            Count++;
        }
        else
        {
            if (LogSearch.Matches(_ring[_start]!.Text, _term))
            {
                _liveMatches--;
            }

            _ring[_start] = entry;
            _start = (_start + 1) % _ring.Length;
        }

        return entry;
    }

    /// <summary>The buffered lines, oldest first (a snapshot).</summary>
    public List<LogEntry> Lines() => [.. Live];

    /// <summary>The buffered lines as they are now, oldest first, without a copy.</summary>
    public LogLines Live => _live ??= new LogLines(this);

    /// <summary>What a viewer shows: the live lines when following, the lines as they were when paused.</summary>
    public IList<LogEntry> Visible => _frozen is { } frozen ? frozen : Live;

    /// <summary>The search term <see cref="Matches"/> counts (case-insensitive; null or empty: none).</summary>
    public string? Term
    {
        get => _term;
        set
        {
            if (string.Equals(_term, value, StringComparison.Ordinal))
            {
                return;
            }

            _term = value;
            _liveMatches = LogSearch.CountLines(Live, value);
            _frozenMatches = _frozen is null ? 0 : LogSearch.CountLines(_frozen, value);
        }
    }

    /// <summary>How many of the <see cref="Visible"/> lines contain <see cref="Term"/>.</summary>
    public int Matches => IsPaused ? _frozenMatches : _liveMatches;

    public void Pause()
    {
        if (!IsPaused)
        {
            _frozen = Lines();
            _frozenMatches = _liveMatches;
            _pausedAt = Total;
        }
    }

    public void Resume() => _frozen = null;

    public void Clear()
    {
        Array.Clear(_ring);
        _start = 0;
        Count = 0;
        _liveMatches = 0;
        if (IsPaused)
        {
            _frozen = [];
            _frozenMatches = 0;
            _pausedAt = Total;
        }
    }

    internal LogEntry At(int index) =>
        (uint)index < (uint)Count ? _ring[(_start + index) % _ring.Length]! : throw new ArgumentOutOfRangeException(nameof(index), index, $"the buffer holds {Count} lines");

    /// <summary>The buffered lines as a text file: "time [stream] text" per line.</summary>
    public string ToText(bool timestamps)
    {
        var text = new StringBuilder();
        foreach (var line in Live)
        {
            if (timestamps)
            {
                text.Append(line.Time.ToString("O", CultureInfo.InvariantCulture)).Append(' ');
            }

            text.Append(line.IsStderr ? "[stderr] " : "").Append(line.Text).Append('\n');
        }

        return text.ToString();
    }
}
