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
}
