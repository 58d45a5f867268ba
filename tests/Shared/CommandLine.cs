using System.Diagnostics;

namespace Portal.Tests.Shared;

/// <summary>
/// Runs a host program to completion with its output captured, under the test's cancellation and a time
/// limit. Shared by the server tests and e2e (linked into both projects).
/// </summary>
internal static class CommandLine
{
    /// <param name="environment">Variables to set; a null value removes the variable.</param>
    public static async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(
        string executable, IReadOnlyList<string> args, IReadOnlyDictionary<string, string?> environment, TimeSpan? timeout = null)
    {
        var start = new ProcessStartInfo(executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var (name, value) in environment)
        {
            if (value is null)
            {
                start.Environment.Remove(name);
            }
            else
            {
                start.Environment[name] = value;
            }
        }

        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var stdout = process.StandardOutput.ReadToEndAsync(limit.Token);
        var stderr = process.StandardError.ReadToEndAsync(limit.Token);
        limit.CancelAfter(timeout ?? TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill();
            throw new TimeoutException($"{System.IO.Path.GetFileName(executable)} {string.Join(' ', args)} did not finish");
        }

        return (process.ExitCode, await stdout, await stderr);
    }
}
