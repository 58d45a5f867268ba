using Portal.Engine.Cgroups;

namespace Portal.Engine.Containers;

/// <summary>A container's persisted record plus what only lives while the engine runs.</summary>
internal sealed class ContainerEntry(ContainerRecord record)
{
    /// <summary>Serialises lifecycle operations on this container.</summary>
    public SemaphoreSlim Gate { get; } = new(1, 1);

    public ContainerRecord Record { get; } = record;

    public ShimState? Shim { get; set; }

    public ICgroup? Cgroup { get; set; }

    /// <summary>Completes at the next exit of the container's process, then is replaced by a fresh one.</summary>
    public TaskCompletionSource<ContainerWaitResult> NextExit { get; set; } = NewPending();

    /// <summary>Completes when the container is removed.</summary>
    public TaskCompletionSource<ContainerWaitResult> Removed { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public CancellationTokenSource? RestartDelay { get; set; }

    public static TaskCompletionSource<ContainerWaitResult> NewPending() =>
        new(TaskCreationOptions.RunContinuationsAsynchronously);
}
