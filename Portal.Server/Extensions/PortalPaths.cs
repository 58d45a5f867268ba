namespace Portal.Server.Extensions;

/// <summary>Absolute paths resolved once from <see cref="PortalOptions"/> and the content root.</summary>
public sealed record PortalPaths(string DataDirectory, string EngineDirectory, string DockerSocket, string InitPath)
{
    public static PortalPaths Resolve(PortalOptions options, string contentRoot)
    {
        var data = Path.GetFullPath(options.DataDirectory, contentRoot);
        var socket = string.IsNullOrWhiteSpace(options.DockerSocket)
            ? Path.Combine(data, "engine.sock")
            : Path.GetFullPath(options.DockerSocket, contentRoot);
        return new PortalPaths(data, Path.Combine(data, "engine"), socket, ResolveInit(options, contentRoot));
    }

    private static string ResolveInit(PortalOptions options, string contentRoot)
    {
        if (!string.IsNullOrWhiteSpace(options.InitPath))
        {
            return Path.GetFullPath(options.InitPath, contentRoot);
        }

        string[] candidates =
        [
            Path.Combine(AppContext.BaseDirectory, "portal-init"),
            Path.Combine(contentRoot, "artifacts", "portal-init", "portal-init"),
        ];
        return candidates.FirstOrDefault(File.Exists) ?? candidates[^1];
    }
}
