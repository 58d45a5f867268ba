using Portal.Engine.Errors;

namespace Portal.Engine.Containers;

/// <summary>Container paths a mount lands on (volumes, tmpfs), checked the same way wherever a request gives one.</summary>
internal static class MountPaths
{
    /// <summary>An absolute, clean container path other than "/"; trailing slashes dropped as Docker does.</summary>
    public static string Clean(string path, string field)
    {
        var trimmed = path.Length > 1 ? path.TrimEnd('/') : path;
        if (!trimmed.StartsWith('/') || trimmed == "/")
        {
            throw new InvalidArgumentException($"{field}: invalid mount path: '{path}' mount path must be absolute and not /");
        }

        if (trimmed.Split('/').Any(p => p is "." or "..") || trimmed.Contains("//", StringComparison.Ordinal) || trimmed.Contains('\0', StringComparison.Ordinal))
        {
            throw new InvalidArgumentException($"{field}: invalid mount path: '{path}' must not contain empty, . or .. components");
        }

        return trimmed;
    }
}
