using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Portal.Data.Tests.TestSupport;

/// <summary>A real SQLite file in a fresh temp directory, wired exactly as the server wires it.</summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private readonly ServiceProvider services;

    private TestDatabase(string directory, Action<PortalDataOptions>? configure)
    {
        Directory = directory;
        Path = System.IO.Path.Combine(directory, "data", "portal.db");
        var collection = new ServiceCollection();
        collection.AddSingleton<ISecretProtector>(Protector);
        collection.AddPortalData(options =>
        {
            options.DatabasePath = Path;
            configure?.Invoke(options);
        });
        services = collection.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });
    }

    public string Directory { get; }

    public string Path { get; }

    public FakeSecretProtector Protector { get; } = new();

    public IServiceProvider Services => services;

    /// <summary>An empty, migrated database.</summary>
    public static async Task<TestDatabase> CreateAsync(Action<PortalDataOptions>? configure = null)
    {
        var database = Unmigrated(configure);
        try
        {
            await database.Services.MigratePortalDataAsync(TestContext.Current.CancellationToken);
            return database;
        }
        catch
        {
            await database.DisposeAsync();
            throw;
        }
    }

    /// <summary>Nothing on disk yet: the directory holding the database does not exist.</summary>
    public static TestDatabase Unmigrated(Action<PortalDataOptions>? configure = null) =>
        new(System.IO.Directory.CreateTempSubdirectory("portal-data-test-").FullName, configure);

    public PortalDbContext CreateContext() =>
        services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContext();

    public async ValueTask DisposeAsync()
    {
        await services.DisposeAsync();
        SqliteConnection.ClearAllPools();
        System.IO.Directory.Delete(Directory, recursive: true);
    }
}
