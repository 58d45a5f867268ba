using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Data.Entities;
using Portal.Server.Catalogues.Bundles;

namespace Portal.Server.Catalogues.Demo;

/// <summary>
/// First run: builds the demo catalogue bundle and imports it as vendor "Portal Demo" through the same importer as
/// uploads, when that vendor has no catalogue yet. Idempotent; off with Portal:Demo:Enabled=false.
/// </summary>
public sealed partial class DemoCatalogueSeeder(
    IDbContextFactory<PortalDbContext> db,
    CatalogueImporter importer,
    DemoOptions options,
    BundleOptions bundles,
    TimeProvider time,
    ILogger<DemoCatalogueSeeder> logger)
{
    /// <summary>The import's result, or null when there was nothing to do (disabled, already seeded, no busybox).</summary>
    public async Task<CatalogueImportResult?> SeedAsync(CancellationToken cancellationToken)
    {
        if (!options.Enabled)
        {
            return null;
        }

        var vendorId = await VendorIdAsync(cancellationToken).ConfigureAwait(false);
        if (vendorId is null)
        {
            return null;
        }

        if (!File.Exists(options.BusyboxPath))
        {
            LogNoBusybox(logger, options.BusyboxPath);
            return null;
        }

        var path = Path.Combine(bundles.TempDirectory, $"demo-{Guid.NewGuid():N}.tar.gz");
        try
        {
            DemoCatalogue.WriteFile(path, options.BusyboxPath);
            var result = await importer.ImportFileAsync(vendorId.Value, null, path, null, cancellationToken).ConfigureAwait(false);
            if (!result.Succeeded)
            {
                LogSeedFailed(logger, string.Join("; ", result.Problems));
            }

            return result;
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>The demo vendor's id, created when missing; null when it has a catalogue already.</summary>
    private async Task<int?> VendorIdAsync(CancellationToken cancellationToken)
    {
        var context = await db.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        await using (context.ConfigureAwait(false))
        {
            var vendor = await context.Vendors.FirstOrDefaultAsync(v => v.Name == DemoImages.Vendor, cancellationToken).ConfigureAwait(false);
            if (vendor is null)
            {
                vendor = new Vendor { Name = DemoImages.Vendor, DisplayName = DemoImages.Vendor, CreatedAt = time.GetUtcNow() };
                context.Vendors.Add(vendor);
                await context.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
                return vendor.Id;
            }

            return await context.Catalogues.AnyAsync(c => c.VendorId == vendor.Id, cancellationToken).ConfigureAwait(false) ? null : vendor.Id;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Demo catalogue not imported: {Path} (busybox-static) is missing")]
    private static partial void LogNoBusybox(ILogger logger, string path);

    [LoggerMessage(Level = LogLevel.Error, Message = "Demo catalogue refused: {Problems}")]
    private static partial void LogSeedFailed(ILogger logger, string problems);
}
