namespace Portal.Bench;

/// <summary>
/// podman with a private storage root and configuration in the work directory (research/tooling.md §3): runc, because
/// crun refuses this host's hybrid cgroup layout; default ulimits the host's hard limits allow; cgroupfs; file events.
/// Nothing of the host's own podman storage or configuration is read or changed.
/// </summary>
internal sealed class PodmanTarget : IAsyncDisposable
{
    private readonly string _program;
    private readonly string _directory;
    private readonly Dictionary<string, string> _environment;

    private PodmanTarget(string program, string directory, string version)
    {
        _program = program;
        _directory = directory;
        Version = version;
        _environment = new Dictionary<string, string>
        {
            ["CONTAINERS_STORAGE_CONF"] = Path.Combine(directory, "storage.conf"),
            ["CONTAINERS_CONF"] = Path.Combine(directory, "containers.conf"),
        };
    }

    public string Version { get; }

    public static async Task<PodmanTarget> CreateAsync(string program, string directory, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(directory);
        await File.WriteAllTextAsync(Path.Combine(directory, "storage.conf"), $"""
            [storage]
            driver = "overlay"
            graphroot = "{directory}/storage"
            runroot = "{directory}/runroot"
            """, cancellationToken).ConfigureAwait(false);
        await File.WriteAllTextAsync(Path.Combine(directory, "containers.conf"), $"""
            [containers]
            default_ulimits = ["nofile=20000:20000", "nproc=32768:32768"]

            [engine]
            runtime = "runc"
            tmp_dir = "{directory}/libpodtmp"
            events_logger = "file"
            cgroup_manager = "cgroupfs"

            [network]
            network_config_dir = "{directory}/networks"
            """, cancellationToken).ConfigureAwait(false);
        var version = (await ProcessRunner.CheckedAsync(program, ["--version"], cancellationToken).ConfigureAwait(false)).Trim();
        return new PodmanTarget(program, directory, version);
    }

    /// <summary>`podman load -i ARCHIVE`: the same image Portal runs, as our OCI writer wrote it.</summary>
    public Task LoadAsync(string archive, CancellationToken cancellationToken) =>
        ProcessRunner.CheckedAsync(_program, ["load", "-q", "-i", archive], cancellationToken, environment: _environment);

    public Task<ProcessResult> RunAsync(IReadOnlyList<string> args, CancellationToken cancellationToken) =>
        ProcessRunner.RunAsync(_program, args, cancellationToken, environment: _environment);

    /// <summary>`podman system reset` unmounts and deletes the private storage; the work directory goes with the run.</summary>
    public async ValueTask DisposeAsync() =>
        await ProcessRunner.RunAsync(_program, ["system", "reset", "--force"], CancellationToken.None, environment: _environment).ConfigureAwait(false);
}
