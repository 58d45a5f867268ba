using System.Buffers.Binary;
using System.Text;
using Portal.Engine.Logs;

namespace Portal.Server.Apis.Docker;

/// <summary>
/// Writes log lines as Docker streams them: with Tty=false each line is one frame behind an 8-byte header
/// (stream byte, three zero bytes, big-endian payload length); with Tty=true the bytes go out raw.
/// </summary>
internal static class LogFrames
{
    public const string RawStream = "application/vnd.docker.raw-stream";
    public const string MultiplexedStream = "application/vnd.docker.multiplexed-stream";

    /// <summary>Docker names the multiplexed media type from API 1.42 on; the CLI demultiplexes by its own Tty.</summary>
    public static string ContentType(bool tty, Version apiVersion) =>
        !tty && apiVersion >= new Version(1, 42) ? MultiplexedStream : RawStream;

    public static byte[] Encode(LogEntry entry, bool tty, bool timestamps)
    {
        var prefix = timestamps ? Encoding.ASCII.GetBytes(DockerTime.Rfc3339NanoFixed(entry.Time) + " ") : [];
        var header = tty ? 0 : 8;
        var frame = new byte[header + prefix.Length + entry.Line.Length];
        if (!tty)
        {
            frame[0] = (byte)entry.Stream;
            BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(4), (uint)(prefix.Length + entry.Line.Length));
        }

        prefix.CopyTo(frame, header);
        entry.Line.Span.CopyTo(frame.AsSpan(header + prefix.Length));
        return frame;
    }

    /// <summary>Copies the entries to <paramref name="output"/>, flushing each one (follow readers see lines as they come).</summary>
    public static async Task CopyAsync(IAsyncEnumerable<LogEntry> entries, Stream output, bool tty, bool timestamps, CancellationToken cancellationToken)
    {
        await foreach (var entry in entries.WithCancellation(cancellationToken))
        {
            await output.WriteAsync(Encode(entry, tty, timestamps), cancellationToken);
            await output.FlushAsync(cancellationToken);
        }
    }
}
