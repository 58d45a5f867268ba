namespace Portal.Engine.Logs;

public enum LogStream
{
    Stdout = 1,
    Stderr = 2,
}
