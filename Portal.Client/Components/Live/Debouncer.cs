namespace Portal.Client.Components.Live;

/// <summary>
/// Runs an action once after a quiet moment: every <see cref="Trigger"/> within <c>delay</c> of the first is part of
/// the same run (a burst of hub events is one reload). A trigger while the action runs schedules one more run, so
/// nothing that happened during a reload is missed.
/// </summary>
public sealed class Debouncer(Func<Task> action, TimeSpan delay, TimeProvider time)
{
    private int _scheduled;

    public void Trigger(CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _scheduled, 1) == 0)
        {
            _ = RunSoonAsync(cancellationToken);
        }
    }

    private async Task RunSoonAsync(CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(delay, time, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            Volatile.Write(ref _scheduled, 0);
            return;
        }

        Volatile.Write(ref _scheduled, 0);
        await action();
    }
}
