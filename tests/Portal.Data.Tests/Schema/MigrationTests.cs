using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Data.Tests.TestSupport;

namespace Portal.Data.Tests.Schema;

public sealed class MigrationTests
{
    [Fact]
    public async Task Migrations_apply_from_an_empty_directory_and_leave_no_pending_model_changes()
    {
        await using var database = TestDatabase.Unmigrated();
        Assert.False(Directory.Exists(Path.GetDirectoryName(database.Path)));

        await database.Services.MigratePortalDataAsync(TestContext.Current.CancellationToken);

        await using var db = database.CreateContext();
        var applied = await db.Database.GetAppliedMigrationsAsync(TestContext.Current.CancellationToken);
        Assert.NotEmpty(applied);
        Assert.Equal(db.Database.GetMigrations(), applied);
        Assert.False(db.Database.HasPendingModelChanges());
        var tables = await db.Database
            .SqlQuery<string>($"SELECT name AS \"Value\" FROM sqlite_master WHERE type = 'table' ORDER BY name")
            .ToListAsync(TestContext.Current.CancellationToken);
        Assert.Contains("Deployments", tables);
        Assert.Contains("MetricSamples", tables);
        Assert.Contains("AuditEntries", tables);
    }

    [Fact]
    public async Task Migrating_again_keeps_the_data()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using (var db = database.CreateContext())
        {
            await Seed.CreateAsync(db);
        }

        await database.Services.MigratePortalDataAsync(TestContext.Current.CancellationToken);

        await using var again = database.CreateContext();
        Assert.Equal("Example", (await again.Vendors.SingleAsync(TestContext.Current.CancellationToken)).Name);
    }

    [Fact]
    public async Task Database_file_and_its_wal_are_owner_only_and_a_created_directory_is_0700()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using (var db = database.CreateContext())
        {
            // SQLite deletes the WAL when the last connection closes (a pool may close it any time): hold one open.
            await db.Database.OpenConnectionAsync(TestContext.Current.CancellationToken);
            await Seed.CreateAsync(db);
            const UnixFileMode ownerReadWrite = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            Assert.Equal(ownerReadWrite, File.GetUnixFileMode(database.Path));
            Assert.Equal(ownerReadWrite, File.GetUnixFileMode(database.Path + "-wal"));
            Assert.Equal(ownerReadWrite, File.GetUnixFileMode(database.Path + "-shm"));
        }

        Assert.Equal(
            UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute,
            File.GetUnixFileMode(Path.GetDirectoryName(database.Path)!));
    }

    [Fact]
    public async Task An_existing_world_readable_database_is_narrowed_to_owner_only_on_start()
    {
        await using var database = await TestDatabase.CreateAsync();
        SqliteTestConnections.ClearPools();
        File.SetUnixFileMode(database.Path, (UnixFileMode)0b110_100_100);

        await database.Services.MigratePortalDataAsync(TestContext.Current.CancellationToken);

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(database.Path));
    }

    [Fact]
    public async Task AddPortalData_serves_a_scoped_context_and_a_factory_on_the_same_file()
    {
        await using var database = await TestDatabase.CreateAsync();
        using var scope = database.Services.CreateScope();
        var scoped = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        await Seed.CreateAsync(scoped);

        await using var fromFactory = database.CreateContext();
        Assert.Equal(1, await fromFactory.Teams.CountAsync(TestContext.Current.CancellationToken));
        Assert.Equal(Path.GetFullPath(database.Path), fromFactory.Database.GetDbConnection().DataSource);
    }

    [Fact]
    public void An_empty_database_path_is_refused_with_a_message_naming_it()
    {
        var builder = new DbContextOptionsBuilder<PortalDbContext>();
        var error = Assert.Throws<ArgumentException>(() => PortalDbContext.Configure(builder, new PortalDataOptions()));
        Assert.Contains("DatabasePath", error.Message, StringComparison.Ordinal);
    }
}
