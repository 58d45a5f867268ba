using System.Diagnostics;

namespace Portal.Server.Tests.TestSupport;

/// <summary>Runs the stock docker CLI (a client nobody here wrote) against a Portal socket.</summary>
internal static class DockerCli
{
    public const string Path = "/usr/local/bin/docker";

    public static async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(
        string socketPath, string configDirectory, IReadOnlyList<string> args, TimeSpan? timeout = null)
    {
        var start = new ProcessStartInfo(Path)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["DOCKER_HOST"] = "unix://" + socketPath;
        start.Environment["DOCKER_CONFIG"] = configDirectory;
        start.Environment.Remove("DOCKER_API_VERSION");
        start.Environment.Remove("DOCKER_CONTEXT");
        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        limit.CancelAfter(timeout ?? TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill();
            throw new TimeoutException($"docker {string.Join(' ', args)} did not finish");
        }

        return (process.ExitCode, await stdout, await stderr);
    }
}
