namespace Portal.Data.Entities;

public enum DesiredState
{
    Running,
    Stopped,
    Removed,
}
