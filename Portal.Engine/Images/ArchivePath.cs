using Portal.Engine.Errors;

namespace Portal.Engine.Images;

/// <summary>Splits names found in archives and layers into plain components, refusing any that could leave their root.</summary>
public static class ArchivePath
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

    /// <summary>Joins and resolves "." and ".." lexically; null when the name is absolute or would leave the root.</summary>
    public static string? Resolve(string folder, string name)
    {
        if (name.StartsWith('/'))
        {
            return null;
        }

        var stack = new List<string>(folder.Split('/', StringSplitOptions.RemoveEmptyEntries));
        foreach (var part in name.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            if (part == "..")
            {
                if (stack.Count == 0)
                {
                    return null;
                }

                stack.RemoveAt(stack.Count - 1);
            }
            else if (part != ".")
            {
                stack.Add(part);
            }
        }

        return string.Join('/', stack);
    }
}
