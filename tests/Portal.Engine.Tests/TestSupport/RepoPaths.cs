namespace Portal.Engine.Tests.TestSupport;

public static class RepoPaths
{
    /// <summary>The checkout's root (the folder holding Portal.sln).</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>The published NativeAOT helper; `./portal test` publishes it before running tests.</summary>
    public static string InitBinary
    {
        get
        {
            var env = Environment.GetEnvironmentVariable("PORTAL_INIT");
            var path = string.IsNullOrEmpty(env) ? Path.Combine(Root, "artifacts", "portal-init", "portal-init") : env;
            if (!File.Exists(path))
            {
                throw new FileNotFoundException(
                    $"portal-init not found at {path}: run ./portal test, or dotnet publish Portal.Engine/Runtime/portal-init.csproj -c Release -o artifacts/portal-init");
            }

            return path;
        }
    }

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
