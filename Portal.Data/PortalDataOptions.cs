namespace Portal.Data;

public sealed class PortalDataOptions
{
    /// <summary>The SQLite file, normally <c>data/portal.db</c>. Its directory is created when missing.</summary>
    public string DatabasePath { get; set; } = "";

    public SqliteSynchronous Synchronous { get; set; } = SqliteSynchronous.Full;

    /// <summary>How long a connection waits on another's write lock before SQLITE_BUSY.</summary>
    public TimeSpan BusyTimeout { get; set; } = TimeSpan.FromSeconds(5);
}
