using Microsoft.Extensions.Logging;

namespace Portal.Engine.Cgroups.V1;

internal static class FreezerController
{
    private const int PollAttempts = 100;
    private static readonly TimeSpan PollDelay = TimeSpan.FromMilliseconds(10);

    /// <summary>
    /// Writes FROZEN and waits while the state reads FREEZING (tasks in uninterruptible sleep freeze late);
    /// a cgroup that never settles is left FREEZING, which still stops it from forking.
    /// </summary>
    public static async Task FreezeAsync(string dir, ILogger logger, CancellationToken cancellationToken)
    {
        var state = Path.Combine(dir, "freezer.state");
        CgroupFiles.Write(state, "FROZEN", logger);
        for (var i = 0; i < PollAttempts && CgroupFiles.TryRead(state)?.Trim() == "FREEZING"; i++)
        {
            await Task.Delay(PollDelay, cancellationToken).ConfigureAwait(false);
        }
    }

    public static void Thaw(string dir, ILogger logger) =>
        CgroupFiles.Write(Path.Combine(dir, "freezer.state"), "THAWED", logger);
}
