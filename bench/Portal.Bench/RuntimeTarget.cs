namespace Portal.Bench;

/// <summary>An OCI runtime CLI (runc, crun) running the bundle to completion: `&lt;runtime&gt; run -b &lt;bundle&gt; &lt;id&gt;`.</summary>
internal sealed class RuntimeTarget(string name, string program, string version, string bundle)
{
    private int _runs;

    public string Name { get; } = name;
    public string Version { get; } = version;
    public string Command => $"{Name} run -b bundle <id>";

    /// <summary>Why it cannot be measured; null while it can.</summary>
    public string? Unavailable { get; set; }

    /// <summary>How it was made to run, when that needed a change to the host.</summary>
    public string? Workaround { get; set; }

    public Samples Samples { get; } = new();

    public static async Task<string> VersionOfAsync(string program, CancellationToken cancellationToken)
    {
        var output = await ProcessRunner.CheckedAsync(program, ["--version"], cancellationToken).ConfigureAwait(false);
        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault()?.Trim() ?? "";
    }

    public async Task<ProcessResult> RunAsync(CancellationToken cancellationToken)
    {
        var id = $"portal-bench-{Name}-{Environment.ProcessId}-{Interlocked.Increment(ref _runs)}";
        var result = await ProcessRunner.RunAsync(program, ["run", "-b", bundle, id], cancellationToken).ConfigureAwait(false);
        if (result.ExitCode != 0)
        {
            // `run` deletes the container when it ends normally; a failed one may leave state and a cgroup behind.
            await ProcessRunner.RunAsync(program, ["delete", "-f", id], CancellationToken.None).ConfigureAwait(false);
        }

        return result;
    }
}
