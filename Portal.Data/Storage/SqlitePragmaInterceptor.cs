using System.Collections.Concurrent;
using System.Data.Common;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Portal.Data.Storage;

/// <summary>
/// Applies Portal's pragmas each time EF opens a connection. journal_mode is stored in the file; the others
/// belong to the connection and reset with every new one.
/// </summary>
internal sealed class SqlitePragmaInterceptor : DbConnectionInterceptor
{
    /// <summary>Writes the file header: a read-only connection (EF opens one to test the file exists) must skip it.</summary>
    public const string JournalPragma = "PRAGMA journal_mode=WAL; ";

    private static readonly ConcurrentDictionary<(SqliteSynchronous, long), SqlitePragmaInterceptor> Cache = new();

    private SqlitePragmaInterceptor(SqliteSynchronous synchronous, long busyMilliseconds)
    {
        var sync = synchronous == SqliteSynchronous.Full ? "FULL" : "NORMAL";
        ConnectionPragmas = string.Create(
            CultureInfo.InvariantCulture,
            $"PRAGMA busy_timeout={busyMilliseconds}; PRAGMA foreign_keys=ON; PRAGMA synchronous={sync};");
    }

    public string ConnectionPragmas { get; }

    /// <summary>One instance per setting, so every context shares EF's internal service provider.</summary>
    public static SqlitePragmaInterceptor For(SqliteSynchronous synchronous, TimeSpan busyTimeout) =>
        Cache.GetOrAdd((synchronous, (long)busyTimeout.TotalMilliseconds), static key => new SqlitePragmaInterceptor(key.Item1, key.Item2));

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = connection.CreateCommand();
        command.CommandText = PragmasFor(connection);
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(
        DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        var command = connection.CreateCommand();
        await using (command.ConfigureAwait(false))
        {
            command.CommandText = PragmasFor(connection);
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private string PragmasFor(DbConnection connection) =>
        new SqliteConnectionStringBuilder(connection.ConnectionString).Mode == SqliteOpenMode.ReadOnly
            ? ConnectionPragmas
            : JournalPragma + ConnectionPragmas;
}
