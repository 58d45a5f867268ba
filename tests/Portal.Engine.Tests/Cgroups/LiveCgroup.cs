using System.Diagnostics;
using Portal.Engine.Cgroups;
using Portal.Engine.Cgroups.V1;
using Portal.Engine.Cgroups.V2;
using Portal.Engine.Tests.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;

namespace Portal.Engine.Tests.Cgroups;

/// <summary>
/// A real cgroup under a unique test parent on the host's hierarchy, with busybox processes that join it
/// themselves (`echo $$ &gt; cgroup.procs` for every hierarchy, then exec the workload). Dispose kills and
/// removes everything, the test parent included.
/// </summary>
public sealed class LiveCgroup : IAsyncDisposable
{
    private readonly List<Process> _processes = [];

    public LiveCgroup(ResourceLimits limits)
    {
        Manager = CgroupManagerFactory.Create(new EngineOptions { CgroupParent = "portal-test-" + Guid.NewGuid().ToString("N")[..8] });
        Cgroup = Manager.Create("c1", limits);
    }

    public ICgroupManager Manager { get; }

    public ICgroup Cgroup { get; }

    public static CancellationToken Timeout(int seconds = 60) =>
        CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken, new CancellationTokenSource(TimeSpan.FromSeconds(seconds)).Token).Token;

    /// <summary>Starts busybox sh in the cgroup and returns once the shell is in every hierarchy.</summary>
    public async Task<Process> StartAsync(string workload)
    {
        var join = string.Join(" && ", Cgroup.ProcsFiles.Select(f => $"echo $$ > {f}"));
        var process = Process.Start(new ProcessStartInfo(BusyboxRootfs.BusyboxPath, ["sh", "-c", $"{join} && echo joined; {workload}"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        _processes.Add(process);

        // The shell says "joined" only after every write succeeded.
        Assert.Equal("joined", await process.StandardOutput.ReadLineAsync(Timeout(30)));
        return process;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var process in _processes)
        {
            try
            {
                process.Kill(entireProcessTree: true);
            }
            catch (InvalidOperationException)
            {
            }

            process.Dispose();
        }

        await Cgroup.KillAllAsync();
        await Cgroup.RemoveAsync();
        var parents = Manager switch
        {
            CgroupV1Manager v1 => v1.ParentPaths,
            CgroupV2Manager v2 => [v2.ParentPath],
            _ => [],
        };
        foreach (var parent in parents)
        {
            await CgroupFiles.RemoveDirectoryAsync(parent, NullLogger.Instance);
        }
    }
}
