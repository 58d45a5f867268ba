using System.Text.RegularExpressions;

namespace Portal.Server.Tests.TestSupport;

/// <summary>
/// The real podman (Debian's package; `./portal test` installs it, Portal itself never uses it) over a
/// private storage root and configuration in a directory of the test's own, so the host's podman state is
/// never read or changed. Only image commands are meant to run here: no container, so no runtime or cgroups.
/// </summary>
internal sealed partial class Podman : IAsyncDisposable
{
    public const string Executable = "/usr/bin/podman";

    // Podman creates these whatever its configuration says (the blob info cache and the network run directory).
    private static readonly string[] HostStateDirectories = ["/var/lib/containers", "/run/containers"];

    private readonly string _directory;
    private readonly string[] _hostStateToRemove;
    private readonly Dictionary<string, string?> _environment;

    private Podman(string directory)
    {
        _directory = directory;
        _hostStateToRemove = HostStateDirectories.Where(d => !Directory.Exists(d)).ToArray();
        _environment = new()
        {
            ["CONTAINERS_STORAGE_CONF"] = Path.Combine(directory, "storage.conf"),
            ["CONTAINERS_CONF"] = Path.Combine(directory, "containers.conf"),
            ["CONTAINERS_REGISTRIES_CONF"] = Path.Combine(directory, "registries.conf"),
            ["CONTAINER_HOST"] = null,
            ["CONTAINER_CONNECTION"] = null,
        };
    }

    /// <summary>Fails (never skips) when podman is missing: the tests that use it prove Portal reads what podman writes.</summary>
    public static Podman Create(string directory)
    {
        Assert.True(File.Exists(Executable), $"podman is not installed ({Executable} is missing): ./portal test installs it (apt-get install podman)");
        Directory.CreateDirectory(directory);
        // vfs copies layers instead of mounting them, so nothing can stay mounted after the test.
        File.WriteAllText(Path.Combine(directory, "storage.conf"), $"""
            [storage]
            driver = "vfs"
            graphroot = "{directory}/storage"
            runroot = "{directory}/runroot"
            """);
        File.WriteAllText(Path.Combine(directory, "containers.conf"), $"""
            [engine]
            tmp_dir = "{directory}/libpodtmp"
            events_logger = "file"
            cgroup_manager = "cgroupfs"
            """);
        File.WriteAllText(Path.Combine(directory, "registries.conf"), "unqualified-search-registries = []\n");
        return new Podman(directory);
    }

    public async Task<string> OkAsync(params string[] args)
    {
        var (code, stdout, stderr) = await CommandLine.RunAsync(Executable, args, _environment);
        Assert.True(code == 0, $"podman {string.Join(' ', args)} exited {code}: {stdout}{stderr}");
        return stdout;
    }

    public async ValueTask DisposeAsync()
    {
        await CommandLine.RunAsync(Executable, ["rmi", "--all", "--force"], _environment);
        foreach (var mountPoint in MountPointsUnder(_directory).OrderByDescending(m => m.Length))
        {
            await CommandLine.RunAsync("umount", ["--lazy", mountPoint], new Dictionary<string, string?>());
        }

        Directory.Delete(_directory, recursive: true);
        foreach (var directory in _hostStateToRemove.Where(Directory.Exists))
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static IEnumerable<string> MountPointsUnder(string directory) =>
        File.ReadAllLines("/proc/self/mountinfo")
            .Select(line => OctalEscape().Replace(line.Split(' ')[4], m => ((char)Convert.ToInt32(m.Value[1..], 8)).ToString()))
            .Where(m => m == directory || m.StartsWith(directory + "/", StringComparison.Ordinal));

    [GeneratedRegex(@"\\[0-7]{3}")]
    private static partial Regex OctalEscape();
}
