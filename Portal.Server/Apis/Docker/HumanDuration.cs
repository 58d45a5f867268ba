using System.Globalization;

namespace Portal.Server.Apis.Docker;

/// <summary>go-units HumanDuration, which Docker uses for the "Up 5 seconds" / "Exited (0) 2 hours ago" texts.</summary>
internal static class HumanDuration
{
    public static string Format(TimeSpan duration)
    {
        var seconds = (long)duration.TotalSeconds;
        if (seconds < 1)
        {
            return "Less than a second";
        }

        if (seconds == 1)
        {
            return "1 second";
        }

        if (seconds < 60)
        {
            return Invariant($"{seconds} seconds");
        }

        var minutes = (long)duration.TotalMinutes;
        if (minutes == 1)
        {
            return "About a minute";
        }

        if (minutes < 60)
        {
            return Invariant($"{minutes} minutes");
        }

        // Go's d.Round(time.Hour): halfway values round away from zero.
        var hours = (long)Math.Round(duration.TotalHours, MidpointRounding.AwayFromZero);
        return hours switch
        {
            1 => "About an hour",
            < 48 => Invariant($"{hours} hours"),
            < 24 * 7 * 2 => Invariant($"{hours / 24} days"),
            < 24 * 30 * 2 => Invariant($"{hours / 24 / 7} weeks"),
            < 24 * 365 * 2 => Invariant($"{hours / 24 / 30} months"),
            _ => Invariant($"{(long)duration.TotalHours / 24 / 365} years"),
        };
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
