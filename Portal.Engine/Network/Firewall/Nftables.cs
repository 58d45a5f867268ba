using System.Diagnostics;

namespace Portal.Engine.Network.Firewall;

/// <summary>
/// Runs the nft binary: whole transactions on stdin (<c>nft -f -</c>), never through a shell.
/// <paramref name="commandPrefix"/> runs nft under another command, e.g. <c>ip netns exec NS</c> in tests.
/// </summary>
public sealed class Nftables(string nftPath = "nft", IReadOnlyList<string>? commandPrefix = null)
{
    private readonly IReadOnlyList<string> _prefix = commandPrefix ?? [];

    /// <summary>Applies one transaction atomically; throws <see cref="NftablesException"/> naming <paramref name="operation"/>.</summary>
    public async Task ApplyAsync(string ruleset, string operation, CancellationToken cancellationToken)
    {
        var result = await RunAsync(["-f", "-"], ruleset, operation, cancellationToken).ConfigureAwait(false);
        result.ThrowIfFailed(operation);
    }

    /// <summary>Parses and checks a transaction against the kernel without committing it (<c>nft -c</c>).</summary>
    public async Task CheckAsync(string ruleset, CancellationToken cancellationToken)
    {
        const string operation = "check nft ruleset";
        var result = await RunAsync(["-c", "-f", "-"], ruleset, operation, cancellationToken).ConfigureAwait(false);
        result.ThrowIfFailed(operation);
    }

    /// <summary>Removes Portal's table and everything in it; succeeds when there is none.</summary>
    public Task RemoveTableAsync(CancellationToken cancellationToken) =>
        ApplyAsync(NftRulesetGenerator.Removal(), $"remove nft table {NftRulesetGenerator.Family} {NftRulesetGenerator.Table}", cancellationToken);

    /// <summary>Lists Portal's table, or null when it does not exist.</summary>
    public async Task<NftTableListing?> ListAsync(CancellationToken cancellationToken)
    {
        const string operation = "list nft table " + NftRulesetGenerator.Family + " " + NftRulesetGenerator.Table;
        var result = await RunAsync(["-j", "list", "table", NftRulesetGenerator.Family, NftRulesetGenerator.Table], null, operation, cancellationToken)
            .ConfigureAwait(false);
        if (result.ExitCode != 0 && result.Error.Contains("No such file or directory", StringComparison.Ordinal))
        {
            return null;
        }

        result.ThrowIfFailed(operation);
        return NftTableListing.Parse(result.Output);
    }

    private async Task<NftResult> RunAsync(IReadOnlyList<string> args, string? input, string operation, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(_prefix.Count > 0 ? _prefix[0] : nftPath)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in _prefix.Skip(1))
        {
            start.ArgumentList.Add(arg);
        }

        if (_prefix.Count > 0)
        {
            start.ArgumentList.Add(nftPath);
        }

        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        // nft's messages are matched on ("No such file or directory"), so keep them untranslated.
        start.Environment["LC_ALL"] = "C";

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException("Process.Start returned no process");
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            throw new NftablesException(operation, e);
        }

        using (process)
        {
            try
            {
                var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
                var error = process.StandardError.ReadToEndAsync(cancellationToken);
                try
                {
                    if (input is not null)
                    {
                        await process.StandardInput.WriteAsync(input.AsMemory(), cancellationToken).ConfigureAwait(false);
                    }

                    process.StandardInput.Close();
                }
                catch (IOException)
                {
                    // nft (or the prefix command) exited before reading its input; its exit code and stderr say why.
                }

                await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
                return new NftResult(process.ExitCode, await output.ConfigureAwait(false), await error.ConfigureAwait(false));
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw;
            }
        }
    }

    private sealed record NftResult(int ExitCode, string Output, string Error)
    {
        public void ThrowIfFailed(string operation)
        {
            if (ExitCode != 0)
            {
                throw new NftablesException(operation, ExitCode, Error);
            }
        }
    }
}
