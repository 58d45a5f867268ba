using System.Globalization;
using System.Text;

namespace Portal.Client.Components.Logs;

/// <summary>
/// The newest <see cref="Capacity"/> lines of a log (a ring: the oldest line goes when a new one comes), and the
/// follow/pause state of a viewer: while paused, <see cref="Visible"/> stays as it was and <see cref="NewWhilePaused"/>
/// counts what arrived since.
/// </summary>
public sealed class LogBuffer(int capacity = LogBuffer.DefaultCapacity)
{
    public const int DefaultCapacity = 5000;

    private readonly LogEntry?[] _ring = new LogEntry?[capacity > 0 ? capacity : throw new ArgumentOutOfRangeException(nameof(capacity), capacity, "capacity must be positive")];
    private int _start;
    private List<LogEntry>? _frozen;
    private long _pausedAt;

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
        if (Count < _ring.Length)
        {
            _ring[(_start + Count) % _ring.Length] = entry;
            Count++;
        }
        else
        {
            _ring[_start] = entry;
            _start = (_start + 1) % _ring.Length;
        }

        return entry;
    }

    /// <summary>The buffered lines, oldest first (a snapshot).</summary>
    public List<LogEntry> Lines()
    {
        var lines = new List<LogEntry>(Count);
        for (var i = 0; i < Count; i++)
        {
            lines.Add(_ring[(_start + i) % _ring.Length]!);
        }

        return lines;
    }

    /// <summary>What a viewer shows: the live lines when following, the lines as they were when paused.</summary>
    public List<LogEntry> Visible => _frozen ?? Lines();

    public void Pause()
    {
        if (!IsPaused)
        {
            _frozen = Lines();
            _pausedAt = Total;
        }
    }

    public void Resume() => _frozen = null;

    public void Clear()
    {
        Array.Clear(_ring);
        _start = 0;
        Count = 0;
        if (IsPaused)
        {
            _frozen = [];
            _pausedAt = Total;
        }
    }

    /// <summary>The buffered lines as a text file: "time [stream] text" per line.</summary>
    public string ToText(bool timestamps)
    {
        var text = new StringBuilder();
        foreach (var line in Lines())
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
