using Microsoft.EntityFrameworkCore;
using Portal.Data.Tests.TestSupport;

namespace Portal.Data.Tests.Schema;

public sealed class PragmaTests
{
    [Fact]
    public async Task Every_connection_runs_in_wal_with_foreign_keys_busy_timeout_and_synchronous_full()
    {
        await using var database = await TestDatabase.CreateAsync();
        SqliteTestConnections.ClearPools();

        await using var db = database.CreateContext();
        Assert.Equal("wal", await PragmaAsync<string>(db, "journal_mode"));
        Assert.Equal(1L, await PragmaAsync<long>(db, "foreign_keys"));
        Assert.Equal(5000L, await PragmaAsync<long>(db, "busy_timeout"));
        Assert.Equal(2L, await PragmaAsync<long>(db, "synchronous"));
    }

    [Fact]
    public async Task Faster_commits_option_sets_synchronous_normal_and_its_busy_timeout()
    {
        await using var database = await TestDatabase.CreateAsync(options =>
        {
            options.Synchronous = SqliteSynchronous.Normal;
            options.BusyTimeout = TimeSpan.FromSeconds(2);
        });

        await using var db = database.CreateContext();
        Assert.Equal(1L, await PragmaAsync<long>(db, "synchronous"));
        Assert.Equal(2000L, await PragmaAsync<long>(db, "busy_timeout"));
    }

    [Fact]
    public async Task Dates_are_stored_as_utc_ticks_and_order_by_instant_whatever_their_offset()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var db = database.CreateContext();
        // Local clock says 10:00 for the later instant and 11:00 for the earlier one.
        var earlier = new DateTimeOffset(2026, 1, 1, 11, 0, 0, TimeSpan.FromHours(2));
        var later = new DateTimeOffset(2026, 1, 1, 10, 0, 0, TimeSpan.Zero);
        db.AuditEntries.AddRange(
            new() { At = later, Actor = "a", Action = "later" },
            new() { At = earlier, Actor = "a", Action = "earlier" });
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);

        var ordered = await db.AuditEntries.AsNoTracking().OrderBy(a => a.At).Select(a => a.Action)
            .ToListAsync(TestContext.Current.CancellationToken);
        Assert.Equal(["earlier", "later"], ordered);
        var after = await db.AuditEntries.AsNoTracking().Where(a => a.At > earlier).SingleAsync(TestContext.Current.CancellationToken);
        Assert.Equal(later, after.At);
        Assert.Equal(TimeSpan.Zero, after.At.Offset);
        var stored = await db.Database.SqlQuery<long>($"SELECT \"At\" AS \"Value\" FROM \"AuditEntries\" WHERE \"Action\" = 'earlier'")
            .SingleAsync(TestContext.Current.CancellationToken);
        Assert.Equal(earlier.UtcTicks, stored);
    }

    private static async Task<T> PragmaAsync<T>(PortalDbContext db, string pragma)
    {
        await db.Database.OpenConnectionAsync(TestContext.Current.CancellationToken);
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = "PRAGMA " + pragma;
        return (T)(await command.ExecuteScalarAsync(TestContext.Current.CancellationToken))!;
    }
}
