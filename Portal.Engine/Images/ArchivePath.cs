using Portal.Engine.Errors;

namespace Portal.Engine.Images;

/// <summary>Splits names found in archives and layers into plain components, refusing any that could leave their root.</summary>
internal static class ArchivePath
{
    /// <summary>"./a//b/" → ["a","b"]; "" or "./" → []. Absolute names and ".." components are refused with
    /// <paramref name="context"/> naming where the name came from.</summary>
    public static string[] Split(string name, string context)
    {
        if (name.StartsWith('/'))
        {
            throw new ImageFormatException($"{context}: '{name}' is an absolute path");
        }

        if (name.Contains('\0', StringComparison.Ordinal))
        {
            throw new ImageFormatException($"{context}: '{name}' contains a NUL byte");
        }

        var parts = name.Split('/', StringSplitOptions.RemoveEmptyEntries).Where(p => p != ".").ToArray();
        if (parts.Contains(".."))
        {
            throw new ImageFormatException($"{context}: '{name}' contains a '..' component");
        }

        return parts;
    }

    public static string Join(string[] parts, int count) => string.Join('/', parts, 0, count);
}
