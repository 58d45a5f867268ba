using System.Text.RegularExpressions;
using Portal.Engine.Errors;

namespace Portal.Engine.Images;

/// <summary>
/// Image names as Docker shows them: "busybox" is "busybox:latest", "docker.io/library/busybox" is
/// "busybox:latest", "localhost/x:1" keeps its registry.
/// </summary>
public static partial class ImageReference
{
    public const string DefaultTag = "latest";

    /// <summary>The display form "repository:tag"; throws InvalidArgumentException naming what is wrong.</summary>
    public static string Normalize(string reference)
    {
        var error = TryNormalize(reference, out var normalized);
        return error is null ? normalized : throw new InvalidArgumentException(error);
    }

    public static string Normalize(string repository, string? tag) =>
        Normalize(repository + ":" + (string.IsNullOrEmpty(tag) ? DefaultTag : tag));

    /// <summary>Returns null and the display form, or the reason the reference is not a valid name.</summary>
    public static string? TryNormalize(string reference, out string normalized)
    {
        normalized = "";
        if (string.IsNullOrWhiteSpace(reference))
        {
            return "invalid reference format: empty name";
        }

        if (reference.Contains('@', StringComparison.Ordinal))
        {
            return $"invalid reference format: digest references are not supported: {reference}";
        }

        var slash = reference.LastIndexOf('/');
        var colon = reference.LastIndexOf(':');
        var (repository, tag) = colon > slash ? (reference[..colon], reference[(colon + 1)..]) : (reference, DefaultTag);
        if (!TagPattern().IsMatch(tag))
        {
            return $"invalid reference format: invalid tag '{tag}' in {reference}";
        }

        var parts = repository.Split('/');
        var hasDomain = parts.Length > 1 && (parts[0].Contains('.', StringComparison.Ordinal) || parts[0].Contains(':', StringComparison.Ordinal) || parts[0] == "localhost");
        if (hasDomain && !DomainPattern().IsMatch(parts[0]))
        {
            return $"invalid reference format: invalid registry '{parts[0]}' in {reference}";
        }

        foreach (var part in parts.Skip(hasDomain ? 1 : 0))
        {
            if (!ComponentPattern().IsMatch(part))
            {
                return part.Any(char.IsAsciiLetterUpper)
                    ? $"invalid reference format: repository name must be lowercase: {reference}"
                    : $"invalid reference format: invalid name component '{part}' in {reference}";
            }
        }

        if (hasDomain && parts[0] is "docker.io" or "index.docker.io")
        {
            parts = parts[1..];
            if (parts.Length == 2 && parts[0] == "library")
            {
                parts = parts[1..];
            }
        }

        normalized = string.Join('/', parts) + ":" + tag;
        return null;
    }

    [GeneratedRegex("^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$")]
    private static partial Regex TagPattern();

    [GeneratedRegex("^[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?(:[0-9]+)?$")]
    private static partial Regex DomainPattern();

    [GeneratedRegex("^[a-z0-9]+((\\.|_|__|-+)[a-z0-9]+)*$")]
    private static partial Regex ComponentPattern();
}
