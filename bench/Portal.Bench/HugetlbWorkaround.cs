namespace Portal.Bench;

/// <summary>
/// crun 1.8 refuses a hybrid host whose cgroup2 mount still holds a controller ("cgroups in hybrid mode not
/// supported, drop all controllers from cgroupv2"); on this machine kind that controller is hugetlb. Mounting a
/// v1 hugetlb hierarchy in a private directory moves the controller off cgroup2 for as long as the mount lives
/// (engine.md §6); unmounting it gives the controller back, which the kernel does a moment later.
/// </summary>
internal sealed class HugetlbWorkaround : IDisposable
{
    private const string UnifiedControllers = "/sys/fs/cgroup/unified/cgroup.controllers";

    private bool _mounted;

    private HugetlbWorkaround(string mountPoint) => MountPoint = mountPoint;

    public string MountPoint { get; }

    /// <summary>What Dispose found: whether hugetlb is back on cgroup2.</summary>
    public string? Restored { get; private set; }

    public string Description => $"`mount -t cgroup -o hugetlb cgroup {MountPoint}` during the measured rounds (runc then joins hugetlb too)";

    public static bool Applies(string crunError) => crunError.Contains("hybrid mode", StringComparison.Ordinal);

    public static async Task<HugetlbWorkaround> ApplyAsync(string workDirectory, CancellationToken cancellationToken)
    {
        var workaround = new HugetlbWorkaround(Path.Combine(workDirectory, "hugetlb"));
        Directory.CreateDirectory(workaround.MountPoint);
        await ProcessRunner.CheckedAsync("mount", ["-t", "cgroup", "-o", "hugetlb", "cgroup", workaround.MountPoint], cancellationToken).ConfigureAwait(false);
        workaround._mounted = true;
        return workaround;
    }

    public void Dispose()
    {
        if (!_mounted)
        {
            return;
        }

        var result = ProcessRunner.RunAsync("umount", [MountPoint], CancellationToken.None).GetAwaiter().GetResult();
        if (result.ExitCode != 0)
        {
            Restored = $"umount {MountPoint} FAILED: {result.Output}; unmount it by hand";
            return;
        }

        _mounted = false;
        Directory.Delete(MountPoint);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (!HugetlbOnCgroup2() && DateTime.UtcNow < deadline)
        {
            Thread.Sleep(100);
        }

        Restored = HugetlbOnCgroup2()
            ? "unmounted; hugetlb is back in " + UnifiedControllers
            : "unmounted, but hugetlb is not (yet) back in " + UnifiedControllers;
    }

    public static bool HugetlbOnCgroup2() =>
        File.Exists(UnifiedControllers) && File.ReadAllText(UnifiedControllers).Split(' ', '\n').Contains("hugetlb");
}
