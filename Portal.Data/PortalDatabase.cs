using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Portal.Data;

public static class PortalDatabase
{
    private const UnixFileMode OwnerOnlyFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode OwnerOnlyDirectory = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    /// <summary>
    /// Startup step: makes the database file private and applies every pending migration. Run it before the
    /// server takes requests; safe to repeat.
    /// </summary>
    public static async Task MigratePortalDataAsync(this IServiceProvider services, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.GetRequiredService<PortalDataOptions>();
        PrepareFile(options.DatabasePath);
        var factory = services.GetRequiredService<IDbContextFactory<PortalDbContext>>();
        var db = await factory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        await using (db.ConfigureAwait(false))
        {
            await db.Database.MigrateAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Creates the database file (and a missing directory, 0700) as 0600 before SQLite does, and narrows an
    /// existing file and its -wal/-shm to 0600. SQLite creates -wal and -shm with the main file's mode.
    /// </summary>
    public static void PrepareFile(string databasePath)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(databasePath);
        var path = Path.GetFullPath(databasePath);
        var directory = Path.GetDirectoryName(path)!;
        if (!Directory.Exists(directory))
        {
            Directory.CreateDirectory(directory, OwnerOnlyDirectory);
        }

        if (!File.Exists(path))
        {
            using var created = new FileStream(path, new FileStreamOptions
            {
                Mode = FileMode.CreateNew,
                Access = FileAccess.Write,
                UnixCreateMode = OwnerOnlyFile,
            });
        }

        foreach (var file in new[] { path, path + "-wal", path + "-shm" })
        {
            if (File.Exists(file) && File.GetUnixFileMode(file) != OwnerOnlyFile)
            {
                File.SetUnixFileMode(file, OwnerOnlyFile);
            }
        }
    }
}
