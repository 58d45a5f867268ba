using Microsoft.Extensions.Logging;

namespace Portal.Engine.Cgroups;

/// <summary>Kills until the cgroup is empty: a fork between reading the pids and killing them is caught next round.</summary>
internal static class ProcessSweep
{
    private const int Rounds = 250;
    private static readonly TimeSpan RoundDelay = TimeSpan.FromMilliseconds(20);

    public static void KillUntilEmpty(string path, Func<IReadOnlyList<int>> readPids, Action<IReadOnlyList<int>> kill, ILogger logger)
    {
        var pids = readPids();
        for (var round = 0; pids.Count > 0 && round < Rounds; round++)
        {
            kill(pids);
            Thread.Sleep(RoundDelay);
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
