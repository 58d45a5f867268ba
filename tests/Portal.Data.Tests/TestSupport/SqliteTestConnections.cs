using Microsoft.Data.Sqlite;

namespace Portal.Data.Tests.TestSupport;

public static class SqliteTestConnections
{
    /// <summary>Closes pooled connections, so the next open is a new connection that runs the pragmas afresh.</summary>
    public static void ClearPools() => SqliteConnection.ClearAllPools();
}
