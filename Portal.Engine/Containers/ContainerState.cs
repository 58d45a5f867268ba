namespace Portal.Engine.Containers;

public sealed record ContainerState
{
    public ContainerStatus Status { get; init; } = ContainerStatus.Created;
    public bool Running => Status is ContainerStatus.Running or ContainerStatus.Restarting;
    /// <summary>Host pid of the container's PID 1 while it runs, else 0.</summary>
    public int Pid { get; init; }
    public int ExitCode { get; init; }
    public bool OomKilled { get; init; }
    public string Error { get; init; } = "";
    public DateTimeOffset? StartedAt { get; init; }
    public DateTimeOffset? FinishedAt { get; init; }
}
