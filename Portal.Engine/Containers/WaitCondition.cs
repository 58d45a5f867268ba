namespace Portal.Engine.Containers;

/// <summary>Docker's wait conditions: not-running (default), next-exit, removed.</summary>
public enum WaitCondition
{
    NotRunning,
    NextExit,
    Removed,
}
