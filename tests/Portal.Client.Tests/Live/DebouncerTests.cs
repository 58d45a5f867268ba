using Microsoft.Extensions.Time.Testing;
using Portal.Client.Components.Live;
using Portal.Client.Tests.TestSupport;

namespace Portal.Client.Tests.Live;

public sealed class DebouncerTests
{
    private static readonly TimeSpan Delay = TimeSpan.FromSeconds(1);
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_burst_of_triggers_runs_the_action_once_after_the_delay_and_a_later_trigger_runs_it_again()
    {
        var time = new FakeTimeProvider();
        var runs = 0;
        var debouncer = new Debouncer(() => { Interlocked.Increment(ref runs); return Task.CompletedTask; }, Delay, time);

        debouncer.Trigger(Ct);
        debouncer.Trigger(Ct);
        time.Advance(Delay / 2);
        debouncer.Trigger(Ct);
        Assert.Equal(0, runs);
        time.Advance(Delay / 2);
        await FakeLiveStreams.UntilAsync(() => Volatile.Read(ref runs) == 1, "one run");
        time.Advance(Delay * 5);
        Assert.Equal(1, runs);

        debouncer.Trigger(Ct);
        time.Advance(Delay);
        await FakeLiveStreams.UntilAsync(() => Volatile.Read(ref runs) == 2, "a second run");
    }

    [Fact]
    public async Task A_trigger_while_the_action_runs_schedules_one_more_run()
    {
        var time = new FakeTimeProvider();
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var runs = 0;
        var debouncer = new Debouncer(async () =>
        {
            if (Interlocked.Increment(ref runs) == 1)
            {
                await release.Task;
            }
        }, Delay, time);

        debouncer.Trigger(Ct);
        time.Advance(Delay);
        await FakeLiveStreams.UntilAsync(() => Volatile.Read(ref runs) == 1, "the first run");
        debouncer.Trigger(Ct);
        time.Advance(Delay);
        release.SetResult();

        await FakeLiveStreams.UntilAsync(() => Volatile.Read(ref runs) == 2, "the run for the trigger during the first");
    }
}
