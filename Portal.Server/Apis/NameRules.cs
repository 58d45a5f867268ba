using System.Text.RegularExpressions;

namespace Portal.Server.Apis;

/// <summary>
/// Team and vendor names: ASCII, because the database compares them with SQLite's NOCASE, which folds ASCII
/// letters only.
/// </summary>
public static partial class NameRules
{
    public static string? Check(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return "is required.";
        }

        return NamePattern().IsMatch(name)
            ? null
            : "must be 1 to 64 ASCII letters, digits, spaces, '.', '-' or '_', starting with a letter or digit.";
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9 ._-]{0,63}$")]
    private static partial Regex NamePattern();
}
