namespace Portal.Data.Entities;

public enum ObservedStatus
{
    Pending,
    Creating,
    Running,
    Exited,
    Unhealthy,
    Failed,
    Removed,

    /// <summary>The container runs; its web UI (or first port) has not answered yet.</summary>
    Starting,
}
