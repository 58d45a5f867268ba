namespace Portal.Server.Catalogues.Bundles;

/// <summary>Paths inside a catalogue bundle: relative, '/'-separated, no empty, "." or ".." segments.</summary>
public static class BundlePath
{
    public static bool IsSafeRelative(string path) =>
        path.Length > 0 && !path.StartsWith('/') && !path.Contains('\\', StringComparison.Ordinal)
        && path.Split('/').All(segment => segment is not ("" or "." or ".."));

    /// <summary>Joins and resolves "." and ".." lexically; null when the result would leave the bundle or is absolute.</summary>
    public static string? Resolve(string folder, string name) => Portal.Engine.Images.ArchivePath.Resolve(folder, name);
}
