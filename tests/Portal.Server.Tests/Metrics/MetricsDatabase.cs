using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Data;

namespace Portal.Server.Tests.Metrics;

/// <summary>A migrated SQLite file in a temp directory, wired as Portal.Data documents.</summary>
internal sealed class MetricsDatabase : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    private MetricsDatabase(string directory)
    {
        Directory = directory;
        var services = new ServiceCollection();
        services.AddSingleton<ISecretProtector, PlainProtector>();
        services.AddPortalData(System.IO.Path.Combine(directory, "portal.db"));
        _services = services.BuildServiceProvider();
    }

    public string Directory { get; }

    public IDbContextFactory<PortalDbContext> Contexts => _services.GetRequiredService<IDbContextFactory<PortalDbContext>>();

    public static async Task<MetricsDatabase> CreateAsync()
    {
        var db = new MetricsDatabase(System.IO.Directory.CreateTempSubdirectory("portal-metrics-test-").FullName);
        await db._services.MigratePortalDataAsync(TestContext.Current.CancellationToken);
        return db;
    }

    public PortalDbContext CreateContext() => Contexts.CreateDbContext();

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        SqliteConnection.ClearAllPools();
        System.IO.Directory.Delete(Directory, recursive: true);
    }

    private sealed class PlainProtector : ISecretProtector
    {
        public string Protect(string plaintext) => plaintext;

        public string Unprotect(string ciphertext) => ciphertext;
    }
}
