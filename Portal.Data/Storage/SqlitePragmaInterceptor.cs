using System.Collections.Concurrent;
using System.Data.Common;
using System.Globalization;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Portal.Data.Storage;

/// <summary>
/// Applies Portal's pragmas each time EF opens a connection. journal_mode is stored in the file; the others
/// belong to the connection and reset with every new one.
/// </summary>
internal sealed class SqlitePragmaInterceptor : DbConnectionInterceptor
{
    private static readonly ConcurrentDictionary<(SqliteSynchronous, long), SqlitePragmaInterceptor> Cache = new();

    private SqlitePragmaInterceptor(string pragmas)
    {
        Pragmas = pragmas;
    }

    public string Pragmas { get; }

    /// <summary>One instance per setting, so every context shares EF's internal service provider.</summary>
    public static SqlitePragmaInterceptor For(SqliteSynchronous synchronous, TimeSpan busyTimeout) =>
        Cache.GetOrAdd((synchronous, (long)busyTimeout.TotalMilliseconds), static key => new SqlitePragmaInterceptor(
            string.Create(
                CultureInfo.InvariantCulture,
                $"PRAGMA journal_mode=WAL; PRAGMA busy_timeout={key.Item2}; PRAGMA foreign_keys=ON; PRAGMA synchronous={(key.Item1 == SqliteSynchronous.Full ? "FULL" : "NORMAL")};")));

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(
        DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        var command = connection.CreateCommand();
        await using (command.ConfigureAwait(false))
        {
            command.CommandText = Pragmas;
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}
