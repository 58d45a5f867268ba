using System.Globalization;
using System.Text;
using Microsoft.Extensions.Logging;
using Portal.Engine.Errors;
using Portal.Engine.Interop;
using Tmds.Linux;

namespace Portal.Engine.Cgroups;

/// <summary>Reads and writes cgroupfs files (v1 and v2 share the conventions).</summary>
internal static class CgroupFiles
{
    private const int RemoveAttempts = 50;
    private static readonly TimeSpan RemoveRetryDelay = TimeSpan.FromMilliseconds(20);

    /// <summary>The file's content, or null when it does not exist (a controller the host lacks).</summary>
    public static string? TryRead(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
    }

    public static ulong? TryReadUInt64(string path) =>
        TryRead(path) is { } text ? ParseUInt64(text.Trim(), path) : null;

    /// <summary>A limit file: "max" (v2) means unlimited and reads as null; a missing file too.</summary>
    public static ulong? TryReadLimit(string path) =>
        TryRead(path)?.Trim() is { } text && text != "max" ? ParseUInt64(text, path) : null;

    /// <summary>"key value" lines (memory.stat, cpu.stat, memory.events, cpuacct.stat).</summary>
    public static Dictionary<string, ulong> ReadFlatKeyed(string path)
    {
        var values = new Dictionary<string, ulong>(StringComparer.Ordinal);
        foreach (var line in Lines(TryRead(path)))
        {
            var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length == 2)
            {
                values[parts[0]] = ParseUInt64(parts[1], path);
            }
        }

        return values;
    }

    public static IReadOnlyList<int> ReadPids(string procsFile) =>
        [.. Lines(TryRead(procsFile)).Select(line => (int)ParseUInt64(line, procsFile))];

    public static IEnumerable<string> Lines(string? text) =>
        text is null ? [] : text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public static ulong ParseUInt64(string text, string path) =>
        ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new EngineException($"{path}: unexpected value '{text}', expected an unsigned integer");

    /// <summary>"8:0" → (8, 0), the device column of io.stat and blkio files.</summary>
    public static bool TryParseDevice(string text, out long major, out long minor)
    {
        major = minor = 0;
        return text.Split(':') is [var majorText, var minorText]
            && long.TryParse(majorText, NumberStyles.None, CultureInfo.InvariantCulture, out major)
            && long.TryParse(minorText, NumberStyles.None, CultureInfo.InvariantCulture, out minor);
    }

    public static string Format(long value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// One open + write + close, as the kernel parses each write() of a cgroup file as one value; the
    /// errno (EINVAL for a rejected limit, EBUSY, ...) is reported with the file's path.
    /// </summary>
    public static unsafe void Write(string path, string value, ILogger logger)
    {
        CgroupLog.Write(logger, path, value);
        var pathBytes = Encoding.UTF8.GetBytes(path + "\0");
        var data = Encoding.UTF8.GetBytes(value);
        int fd;
        fixed (byte* p = pathBytes)
        {
            fd = LibC.open(p, LibC.O_WRONLY | LibC.O_TRUNC | LibC.O_CLOEXEC, 0);
        }

        if (fd < 0)
        {
            throw new LinuxException("open", path, LibC.errno);
        }

        try
        {
            fixed (byte* d = data)
            {
                var written = LibC.write(fd, d, data.Length);
                if (written < 0)
                {
                    throw new LinuxException($"write '{value}' to", path, LibC.errno);
                }
            }
        }
        finally
        {
            _ = LibC.close(fd);
        }
    }

    /// <summary>
    /// Writes a limit. When no limit is asked for (<paramref name="required"/> false) and the host lacks the
    /// file (controller not enabled, no swap accounting), there is nothing to reset and it is skipped.
    /// </summary>
    public static void WriteLimit(string path, string value, bool required, ILogger logger)
    {
        if (required || File.Exists(path))
        {
            Write(path, value, logger);
        }
    }

    /// <summary>
    /// rmdir of a cgroup directory. The kernel answers EBUSY for a short while after the last task was
    /// killed (exiting tasks still hold the css), so this retries; a missing directory counts as removed.
    /// </summary>
    public static async Task RemoveDirectoryAsync(string path, ILogger logger, CancellationToken cancellationToken = default)
    {
        var pathBytes = Encoding.UTF8.GetBytes(path + "\0");
        for (var attempt = 1; ; attempt++)
        {
            var errno = Rmdir(pathBytes);
            if (errno == 0)
            {
                CgroupLog.Removed(logger, path);
                return;
            }

            if (errno == ErrnoNames.ENOENT)
            {
                return;
            }

            if (errno != ErrnoNames.EBUSY || attempt == RemoveAttempts)
            {
                throw new LinuxException("rmdir", path, errno);
            }

            await Task.Delay(RemoveRetryDelay, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>0, or the errno of a failed rmdir.</summary>
    private static unsafe int Rmdir(byte[] pathBytes)
    {
        fixed (byte* p = pathBytes)
        {
            return LibC.rmdir(p) == 0 ? 0 : LibC.errno;
        }
    }

    /// <summary>Rejects names that would escape the parent (".." or "/") or name nothing.</summary>
    public static string ValidateName(string name, string what)
    {
        if (string.IsNullOrWhiteSpace(name) || name is "." or ".." || name.Contains('/', StringComparison.Ordinal)
            || name.Contains('\0', StringComparison.Ordinal))
        {
            throw new InvalidArgumentException($"invalid cgroup {what} '{name}': must be one path component");
        }

        return name;
    }

    /// <summary>A relative parent such as "portal" or "machine/portal"; no "..", no leading "/".</summary>
    public static string ValidateParent(string parent)
    {
        var parts = parent.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length == 0)
        {
            throw new InvalidArgumentException($"invalid cgroup parent '{parent}': must name a directory");
        }

        foreach (var part in parts)
        {
            ValidateName(part, $"parent '{parent}' component");
        }

        return string.Join('/', parts);
    }
}
