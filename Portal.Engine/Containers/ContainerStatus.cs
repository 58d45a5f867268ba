namespace Portal.Engine.Containers;

/// <summary>Docker's State.Status values.</summary>
public enum ContainerStatus
{
    Created,
    Running,
    Restarting,
    Removing,
    Paused,
    Exited,
    Dead,
}
