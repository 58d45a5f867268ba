using System.Globalization;
using Portal.Engine.Errors;

namespace Portal.Server.Apis.Docker;

/// <summary>Time formats of the Docker API.</summary>
internal static class DockerTime
{
    /// <summary>Go's zero time, which Docker prints for times that never happened.</summary>
    public const string Zero = "0001-01-01T00:00:00Z";

    /// <summary>Go's RFC3339Nano: fraction without trailing zeros.</summary>
    public static string Rfc3339Nano(DateTimeOffset? time) =>
        time is { } t ? t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture) : Zero;

    /// <summary>Docker's log timestamp: always nine fraction digits (.NET has 100 ns ticks, so two zeros pad).</summary>
    public static string Rfc3339NanoFixed(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'00Z'", CultureInfo.InvariantCulture);

    public static long UnixSeconds(DateTimeOffset time) => time.ToUnixTimeSeconds();

    public static long UnixNanos(DateTimeOffset time) => (time.UtcTicks - DateTime.UnixEpoch.Ticks) * 100;

    /// <summary>"1795811299", "1577836800.000000000" or an RFC 3339 time; null for an absent or empty value.</summary>
    public static DateTimeOffset? ParseTimestamp(string? value, string parameter)
    {
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }

        var dot = value.IndexOf('.', StringComparison.Ordinal);
        var secondsText = dot < 0 ? value : value[..dot];
        if (long.TryParse(secondsText, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var seconds))
        {
            var fraction = dot < 0 ? "" : value[(dot + 1)..];
            if (fraction.Length <= 9 && fraction.All(char.IsAsciiDigit))
            {
                var nanos = fraction.Length == 0 ? 0 : long.Parse(fraction.PadRight(9, '0'), CultureInfo.InvariantCulture);
                return DateTimeOffset.FromUnixTimeSeconds(seconds).AddTicks(nanos / 100);
            }
        }

        if (DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
        {
            return parsed;
        }

        throw new InvalidArgumentException($"invalid value for {parameter}: {value} (want unix seconds with an optional fraction, or RFC 3339)");
    }
}
