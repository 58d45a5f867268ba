using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Portal.Data;
using Portal.Data.Entities;
using Portal.Engine;
using Portal.Engine.Images;
using Portal.Server.Catalogues.Bundles;

namespace Portal.Server.Tests.Catalogues.Bundles;

/// <summary>A real SQLite file and a real image store in a temp directory, with the importer over them.</summary>
internal sealed class CatalogueHarness : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    private CatalogueHarness(Action<BundleOptions>? configure)
    {
        Directory = System.IO.Directory.CreateTempSubdirectory("portal-catalogue-test-").FullName;
        var collection = new ServiceCollection();
        collection.AddSingleton<ISecretProtector, PlainProtector>();
        collection.AddPortalData(Path.Combine(Directory, "data", "portal.db"));
        _services = collection.BuildServiceProvider();
        Store = new ImageStore(new EngineOptions { RootDirectory = Path.Combine(Directory, "data", "engine") }, NullLogger<ImageStore>.Instance);
        Options = new BundleOptions { TempDirectory = Path.Combine(Directory, "data", "tmp", "catalogues") };
        configure?.Invoke(Options);
        Importer = new CatalogueImporter(DbFactory, Store, Store, Options, TimeProvider.System, NullLogger<CatalogueImporter>.Instance);
    }

    public string Directory { get; }
    public ImageStore Store { get; }
    public BundleOptions Options { get; }
    public CatalogueImporter Importer { get; }
    public IDbContextFactory<PortalDbContext> DbFactory => _services.GetRequiredService<IDbContextFactory<PortalDbContext>>();
    public IServiceProvider Services => _services;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static async Task<CatalogueHarness> CreateAsync(Action<BundleOptions>? configure = null)
    {
        var harness = new CatalogueHarness(configure);
        await harness._services.MigratePortalDataAsync(Ct);
        return harness;
    }

    public async Task<int> AddVendorAsync(string name = BundleBuilder.Vendor)
    {
        await using var db = await DbFactory.CreateDbContextAsync(Ct);
        var vendor = new Vendor { Name = name, CreatedAt = DateTimeOffset.UtcNow };
        db.Vendors.Add(vendor);
        await db.SaveChangesAsync(Ct);
        return vendor.Id;
    }

    public Task<CatalogueImportResult> UploadAsync(int vendorId, byte[] bundle, IProgress<BundleProgress>? progress = null) =>
        Importer.UploadAsync(vendorId, null, new MemoryStream(bundle), bundle.Length, progress, Ct);

    /// <summary>Every catalogue row, appliance version and engine image (with names), to compare before and after.</summary>
    public async Task<string> StateAsync()
    {
        await using var db = await DbFactory.CreateDbContextAsync(Ct);
        var catalogues = await db.Catalogues.OrderBy(c => c.Id).Select(c => $"catalogue {c.VendorId} {c.CatalogueVersion}").ToListAsync(Ct);
        var appliances = await db.Appliances.OrderBy(a => a.Id).Select(a => $"appliance {a.StableId} {a.Title}").ToListAsync(Ct);
        var versions = await db.ApplianceVersions.OrderBy(v => v.Id).Select(v => $"version {v.ApplianceId} {v.Version} {v.ImageDigest}").ToListAsync(Ct);
        var images = (await Store.ListAsync(Ct)).OrderBy(i => i.Id, StringComparer.Ordinal).Select(i => $"image {i.Id} {string.Join(',', i.RepoTags)}");
        return string.Join('\n', catalogues.Concat(appliances).Concat(versions).Concat(images));
    }

    public async ValueTask DisposeAsync()
    {
        Importer.Dispose();
        Store.Dispose();
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
