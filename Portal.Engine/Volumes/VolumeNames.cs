using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Portal.Engine.Errors;

namespace Portal.Engine.Volumes;

/// <summary>Docker's volume name rule; a name becomes a directory under volumes/, so nothing else may pass.</summary>
public static partial class VolumeNames
{
    public const int MaxLength = 255;

    [GeneratedRegex("^[a-zA-Z0-9][a-zA-Z0-9_.-]+$", RegexOptions.CultureInvariant)]
    private static partial Regex Valid();

    public static bool IsValid(string? name) => name is { Length: <= MaxLength } && Valid().IsMatch(name);

    /// <summary>Throws InvalidArgumentException naming <paramref name="field"/> and the rejected value.</summary>
    public static string Validate(string? name, string field)
    {
        if (string.IsNullOrEmpty(name))
        {
            throw new InvalidArgumentException($"{field}: volume name must not be empty");
        }

        if (!IsValid(name))
        {
            throw new InvalidArgumentException(
                $"{field}: \"{name}\" includes invalid characters for a local volume name, only \"[a-zA-Z0-9][a-zA-Z0-9_.-]\" are allowed (at least 2 and at most {MaxLength} characters)");
        }

        return name;
    }

    /// <summary>An anonymous volume's name: 64 hex digits, as Docker.</summary>
    public static string NewAnonymous() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
}
