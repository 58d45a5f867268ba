using Portal.Engine.Errors;

namespace Portal.Engine.Interop;

/// <summary>Signal names and numbers (x86_64/aarch64 generic numbering), parsed as Docker accepts them.</summary>
public static class Signals
{
    public const int SIGHUP = 1, SIGINT = 2, SIGQUIT = 3, SIGKILL = 9, SIGUSR1 = 10, SIGUSR2 = 12,
        SIGPIPE = 13, SIGALRM = 14, SIGTERM = 15, SIGCHLD = 17, SIGCONT = 18, SIGSTOP = 19, SIGWINCH = 28;

    private static readonly Dictionary<string, int> ByName = new(StringComparer.OrdinalIgnoreCase)
    {
        ["HUP"] = 1,
        ["INT"] = 2,
        ["QUIT"] = 3,
        ["ILL"] = 4,
        ["TRAP"] = 5,
        ["ABRT"] = 6,
        ["IOT"] = 6,
        ["BUS"] = 7,
        ["FPE"] = 8,
        ["KILL"] = 9,
        ["USR1"] = 10,
        ["SEGV"] = 11,
        ["USR2"] = 12,
        ["PIPE"] = 13,
        ["ALRM"] = 14,
        ["TERM"] = 15,
        ["STKFLT"] = 16,
        ["CHLD"] = 17,
        ["CONT"] = 18,
        ["STOP"] = 19,
        ["TSTP"] = 20,
        ["TTIN"] = 21,
        ["TTOU"] = 22,
        ["URG"] = 23,
        ["XCPU"] = 24,
        ["XFSZ"] = 25,
        ["VTALRM"] = 26,
        ["PROF"] = 27,
        ["WINCH"] = 28,
        ["IO"] = 29,
        ["POLL"] = 29,
        ["PWR"] = 30,
        ["SYS"] = 31,
    };

    /// <summary>"SIGHUP", "HUP", "hup" or "1"; throws InvalidArgumentException naming the bad value.</summary>
    public static int Parse(string value)
    {
        var text = value.Trim();
        if (int.TryParse(text, out var number))
        {
            return number is >= 1 and <= 64 ? number : throw new InvalidArgumentException($"invalid signal: {value}");
        }

        if (text.StartsWith("SIG", StringComparison.OrdinalIgnoreCase))
        {
            text = text[3..];
        }

        if (ByName.TryGetValue(text, out number))
        {
            return number;
        }

        if (text.StartsWith("RTMIN", StringComparison.OrdinalIgnoreCase))
        {
            var offset = text.Length == 5 ? 0 : int.TryParse(text.AsSpan(6), out var o) && text[5] == '+' ? o : -1;
            if (offset is >= 0 and <= 30)
            {
                return 34 + offset;
            }
        }

        throw new InvalidArgumentException($"invalid signal: {value}");
    }

    public static string Name(int signal) =>
        ByName.FirstOrDefault(kv => kv.Value == signal && kv.Key is not ("IOT" or "POLL")).Key is { } name
            ? "SIG" + name
            : signal.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
