using Microsoft.Extensions.Logging;

namespace Portal.Engine.Cgroups;

/// <summary>Kills until the cgroup is empty: a fork between reading the pids and killing them is caught next round.</summary>
internal static class ProcessSweep
{
    private const int Rounds = 250;
    private static readonly TimeSpan RoundDelay = TimeSpan.FromMilliseconds(20);

    public static async Task KillUntilEmptyAsync(string path, Func<IReadOnlyList<int>> readPids,
        Func<IReadOnlyList<int>, CancellationToken, Task> kill, ILogger logger, CancellationToken cancellationToken)
    {
        var pids = readPids();
        for (var round = 0; pids.Count > 0 && round < Rounds; round++)
        {
            await kill(pids, cancellationToken).ConfigureAwait(false);
            await Task.Delay(RoundDelay, cancellationToken).ConfigureAwait(false);
            pids = readPids();
        }

        if (pids.Count > 0)
        {
            CgroupLog.KillIncomplete(logger, path, pids.Count);
        }
    }

    /// <summary>SIGKILL each pid; ESRCH (already gone) is the goal, not an error.</summary>
    public static void SendKill(IEnumerable<int> pids)
    {
        foreach (var pid in pids)
        {
            _ = Tmds.Linux.LibC.kill(pid, Interop.Signals.SIGKILL);
        }
    }
}
