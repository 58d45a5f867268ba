using System.Text.RegularExpressions;

namespace Portal.Server.Security;

/// <summary>The rules for usernames and passwords (docs/security.md).</summary>
public static partial class PasswordPolicy
{
    public const int MinimumLength = 12;

    /// <summary>Hashing cost grows with length; a passphrase of 256 characters is plenty.</summary>
    public const int MaximumLength = 256;

    public static string? CheckPassword(string? password, string? username)
    {
        if (string.IsNullOrEmpty(password))
        {
            return "is required.";
        }

        if (password.Length < MinimumLength)
        {
            return $"must be at least {MinimumLength} characters long.";
        }

        if (password.Length > MaximumLength)
        {
            return $"must be at most {MaximumLength} characters long.";
        }

        if (!string.IsNullOrEmpty(username) && string.Equals(password.Trim(), username.Trim(), StringComparison.OrdinalIgnoreCase))
        {
            return "must not be the username.";
        }

        return null;
    }

    /// <summary>
    /// ASCII only: the database compares usernames with SQLite's NOCASE, which folds ASCII letters only, so
    /// "Ärger" and "äRGER" would be two users.
    /// </summary>
    public static string? CheckUsername(string? username)
    {
        if (string.IsNullOrWhiteSpace(username))
        {
            return "is required.";
        }

        return UsernamePattern().IsMatch(username)
            ? null
            : "must be 2 to 64 ASCII letters, digits, '.', '-' or '_', starting with a letter or digit.";
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{1,63}$")]
    private static partial Regex UsernamePattern();
}
