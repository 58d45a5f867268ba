using System.Globalization;
using System.Text;

namespace Portal.Engine.Logs;

/// <summary>
/// The CRI log line: <c>&lt;RFC3339Nano UTC&gt; &lt;stdout|stderr&gt; &lt;F|P&gt; &lt;content&gt;\n</c>, where P marks a
/// partial line (cut at <see cref="MaxLineBytes"/> or at end of output) and F a full one whose newline was dropped.
/// </summary>
public static class LogFormat
{
    public const int MaxLineBytes = 16 * 1024;

    private const string TimeFormat = "yyyy-MM-dd'T'HH:mm:ss.fffffff";

    public static byte[] Encode(DateTimeOffset time, LogStream stream, ReadOnlySpan<byte> content, bool full)
    {
        var prefix = time.UtcDateTime.ToString(TimeFormat, CultureInfo.InvariantCulture)
            + "00Z " + (stream == LogStream.Stdout ? "stdout" : "stderr") + (full ? " F " : " P ");
        var line = new byte[prefix.Length + content.Length + 1];
        Encoding.ASCII.GetBytes(prefix, line);
        content.CopyTo(line.AsSpan(prefix.Length));
        line[^1] = (byte)'\n';
        return line;
    }

    /// <summary>Parses one line without its trailing '\n'; null when it is not a CRI line.</summary>
    public static LogEntry? Decode(ReadOnlySpan<byte> line)
    {
        var first = line.IndexOf((byte)' ');
        if (first < 20 || line.Length < first + 10)
        {
            return null;
        }

        if (ParseTime(Encoding.ASCII.GetString(line[..first])) is not { } time)
        {
            return null;
        }

        var rest = line[(first + 1)..];
        LogStream stream;
        if (rest.StartsWith("stdout "u8))
        {
            stream = LogStream.Stdout;
        }
        else if (rest.StartsWith("stderr "u8))
        {
            stream = LogStream.Stderr;
        }
        else
        {
            return null;
        }

        rest = rest[7..];
        if (rest.Length < 2 || rest[1] != (byte)' ' || rest[0] is not ((byte)'F' or (byte)'P'))
        {
            return null;
        }

        var full = rest[0] == (byte)'F';
        var content = rest[2..];
        var bytes = new byte[content.Length + (full ? 1 : 0)];
        content.CopyTo(bytes);
        if (full)
        {
            bytes[^1] = (byte)'\n';
        }

        return new LogEntry(time, stream, bytes);
    }

    /// <summary>RFC3339 with up to 9 fractional digits; .NET keeps 7 (100 ns ticks).</summary>
    private static DateTimeOffset? ParseTime(string stamp)
    {
        var dot = stamp.IndexOf('.', StringComparison.Ordinal);
        if (dot > 0)
        {
            var end = dot + 1;
            while (end < stamp.Length && char.IsAsciiDigit(stamp[end]))
            {
                end++;
            }

            stamp = stamp[..Math.Min(end, dot + 8)] + stamp[end..];
        }

        return DateTimeOffset.TryParse(stamp, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal, out var time)
            ? time
            : null;
    }
}
