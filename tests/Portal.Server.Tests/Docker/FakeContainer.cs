using System.Text;
using Portal.Engine.Containers;
using Portal.Engine.Logs;

namespace Portal.Server.Tests.Docker;

/// <summary>One fake container: its details, its log and the signals waiters and log followers use.</summary>
internal sealed class FakeContainer(ContainerDetails details)
{
    private readonly Lock sync = new();
    private readonly List<LogEntry> entries = [];
    private TaskCompletionSource changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public ContainerDetails Details { get; set; } = details;
    public TaskCompletionSource<int> NextExit { get; private set; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    public TaskCompletionSource<int> Removed { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    public bool Gone => Removed.Task.IsCompleted;

    public void Append(LogStream stream, string line, DateTimeOffset? time = null)
    {
        lock (sync)
        {
            entries.Add(new LogEntry(time ?? DateTimeOffset.UtcNow, stream, Encoding.UTF8.GetBytes(line)));
            Signal();
        }
    }

    public (IReadOnlyList<LogEntry> Entries, Task Changed) Snapshot()
    {
        lock (sync)
        {
            return ([.. entries], changed.Task);
        }
    }

    public void SetState(ContainerState state)
    {
        lock (sync)
        {
            Details = Details with { State = state };
            Signal();
        }
    }

    public void CompleteExit(int exitCode)
    {
        var exit = NextExit;
        NextExit = new(TaskCreationOptions.RunContinuationsAsynchronously);
        exit.TrySetResult(exitCode);
    }

    public void MarkRemoved()
    {
        lock (sync)
        {
            Removed.TrySetResult(Details.State.ExitCode);
            Signal();
        }
    }

    private void Signal()
    {
        var previous = changed;
        changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
        previous.TrySetResult();
    }
}
