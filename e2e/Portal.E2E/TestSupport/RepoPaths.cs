namespace Portal.E2E.TestSupport;

/// <summary>Where the e2e run finds the build it drives and puts what it saves.</summary>
internal static class RepoPaths
{
    /// <summary>The server build the journeys start: `./portal test` builds Debug before `dotnet test Portal.sln`.</summary>
    public const string ServerConfiguration = "debug";

    public static string Root { get; } = FindRoot();

    public static string ServerDll { get; } = Path.Combine(Root, "artifacts", "bin", "Portal.Server", ServerConfiguration, "Portal.Server.dll");

    public static string PortalInit { get; } = Path.Combine(Root, "artifacts", "portal-init", "portal-init");

    /// <summary>Screenshots of the journeys (ignored by git).</summary>
    public static string Artifacts { get; } = Path.Combine(Root, "e2e", "artifacts");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Portal.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Portal.sln not found above " + AppContext.BaseDirectory);
    }
}
