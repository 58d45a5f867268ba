namespace Portal.Server.Tests.TestSupport;

/// <summary>Runs the stock docker CLI (a client nobody here wrote) against a Portal socket.</summary>
internal static class DockerCli
{
    public const string Path = "/usr/local/bin/docker";

    public static Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(
        string socketPath, string configDirectory, IReadOnlyList<string> args, TimeSpan? timeout = null) =>
        CommandLine.RunAsync(
            Path,
            args,
            new Dictionary<string, string?>
            {
                ["DOCKER_HOST"] = "unix://" + socketPath,
                ["DOCKER_CONFIG"] = configDirectory,
                ["DOCKER_API_VERSION"] = null,
                ["DOCKER_CONTEXT"] = null,
            },
            timeout);
}
