using System.Text;
using Microsoft.EntityFrameworkCore;
using Portal.Data.Tests.TestSupport;

namespace Portal.Data.Tests.Secrets;

public sealed class SecretConfigTests
{
    private const string Secret = "hunter2-Sup3rSecret-admin-password";

    [Fact]
    public async Task Secret_config_round_trips_through_the_protector_and_the_file_holds_only_ciphertext()
    {
        await using var database = await TestDatabase.CreateAsync();
        Guid id;
        await using (var db = database.CreateContext())
        {
            var seed = await Seed.CreateAsync(db);
            var deployment = seed.NewDeployment("notes");
            deployment.ConfigJson = """{"title":"Team notes"}""";
            deployment.SecretConfigJson = $$"""{"adminPassword":"{{Secret}}"}""";
            db.Deployments.Add(deployment);
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
            id = deployment.Id;
        }

        Assert.True(database.Protector.ProtectCalls > 0);
        await using (var db = database.CreateContext())
        {
            var stored = await db.Database
                .SqlQuery<string>($"SELECT \"SecretConfigJson\" AS \"Value\" FROM \"Deployments\"")
                .SingleAsync(TestContext.Current.CancellationToken);
            Assert.DoesNotContain(Secret, stored, StringComparison.Ordinal);
            Assert.Equal($$"""{"adminPassword":"{{Secret}}"}""", database.Protector.Unprotect(stored));

            var read = await db.Deployments.AsNoTracking().SingleAsync(d => d.Id == id, TestContext.Current.CancellationToken);
            Assert.Equal($$"""{"adminPassword":"{{Secret}}"}""", read.SecretConfigJson);
            Assert.Equal("""{"title":"Team notes"}""", read.ConfigJson);
        }

        var secretBytes = Encoding.UTF8.GetBytes(Secret);
        var titleBytes = Encoding.UTF8.GetBytes("Team notes");
        // SQLite checkpoints and deletes the WAL when the last connection closes; whichever files exist hold the data.
        var wal = database.Path + "-wal";
        var onDisk = (await File.ReadAllBytesAsync(database.Path, TestContext.Current.CancellationToken))
            .Concat(File.Exists(wal) ? await File.ReadAllBytesAsync(wal, TestContext.Current.CancellationToken) : []).ToArray();
        Assert.True(onDisk.AsSpan().IndexOf(titleBytes) >= 0, "the plain config should be on disk: the search is looking in the right files");
        Assert.True(onDisk.AsSpan().IndexOf(secretBytes) < 0, "the secret is on disk in plain text");
    }

    [Fact]
    public async Task A_secret_the_protector_cannot_decrypt_fails_the_read_loudly_and_leaves_the_row()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var db = database.CreateContext();
        var seed = await Seed.CreateAsync(db);
        db.Deployments.Add(seed.NewDeployment("notes"));
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        await db.Database.ExecuteSqlAsync($"UPDATE \"Deployments\" SET \"SecretConfigJson\" = 'tampered'", TestContext.Current.CancellationToken);
        db.ChangeTracker.Clear();

        var error = await Assert.ThrowsAsync<InvalidOperationException>(
            () => db.Deployments.AsNoTracking().SingleAsync(TestContext.Current.CancellationToken));
        Assert.Contains("tampered", error.Message, StringComparison.Ordinal);
        Assert.Equal("notes", await db.Deployments.Select(d => d.Name).SingleAsync(TestContext.Current.CancellationToken));
    }
}
