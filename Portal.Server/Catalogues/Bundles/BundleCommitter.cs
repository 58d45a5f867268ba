using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Data.Entities;
using Portal.Engine.Errors;
using Portal.Engine.Images;
using Portal.Server.Catalogues.Manifests;

namespace Portal.Server.Catalogues.Bundles;

/// <summary>
/// Commits a validated bundle: loads each new version's image into the engine under its stable name, then adds the
/// Catalogue, Appliance and ApplianceVersion rows in one SaveChanges (one transaction). When anything fails after
/// images were loaded, the images this import added are removed and names it moved are given back; images that were
/// in the engine before are never removed.
/// </summary>
internal sealed partial class BundleCommitter(IImageService images, IImageArchiveLoader archives, TimeProvider time, ILogger logger)
{
    public async Task<CatalogueImportResult> CommitAsync(PortalDbContext db, Vendor vendor, ValidatedBundle bundle, int? uploadedByUserId,
        IProgress<BundleProgress>? progress, CancellationToken cancellationToken)
    {
        var toLoad = bundle.Appliances.Where(a => !a.AlreadyStored).ToList();
        var undo = new ImageUndo(images, logger);
        try
        {
            var loaded = new List<ImportedVersion>();
            for (var i = 0; i < toLoad.Count; i++)
            {
                var appliance = toLoad[i];
                var name = ApplianceImageNames.For(vendor.Name, appliance.Id, appliance.Version);
                progress?.Report(new BundleProgress(BundlePhase.ImportingImages, i, toLoad.Count, name));
                await undo.BeforeLoadAsync(appliance.ImageDigest, name, cancellationToken).ConfigureAwait(false);
                try
                {
                    var result = await archives.LoadArchiveAsAsync(appliance.ImagePath, name, cancellationToken).ConfigureAwait(false);
                    if (result.Id != appliance.ImageDigest)
                    {
                        throw new ImageFormatException($"the archive loaded as {result.Id}, not the {appliance.ImageDigest} it was validated as");
                    }
                }
                catch (EngineException e)
                {
                    await undo.RunAsync().ConfigureAwait(false);
                    return CatalogueImportResult.Failed(CatalogueImportStatus.Invalid, [new ManifestProblem($"appliances[{appliance.Index}].image", e.Message)]);
                }

                loaded.Add(new ImportedVersion(appliance.Id, appliance.Version, name, appliance.ImageDigest));
            }

            progress?.Report(new BundleProgress(BundlePhase.ImportingImages, toLoad.Count, toLoad.Count));
            progress?.Report(new BundleProgress(BundlePhase.Saving, 0, 1));
            var catalogue = await SaveAsync(db, vendor, bundle, loaded, uploadedByUserId, cancellationToken).ConfigureAwait(false);
            progress?.Report(new BundleProgress(BundlePhase.Saving, 1, 1));
            return new CatalogueImportResult
            {
                Status = CatalogueImportStatus.Imported,
                CatalogueId = catalogue.Id,
                Vendor = vendor.Name,
                CatalogueVersion = catalogue.CatalogueVersion,
                Added = loaded,
                Unchanged = await UnchangedAsync(db, vendor, bundle, cancellationToken).ConfigureAwait(false),
            };
        }
        catch (DbUpdateException e)
        {
            LogSaveFailed(logger, vendor.Name, bundle.Catalogue.Version, e.InnerException?.Message ?? e.Message);
            await undo.RunAsync().ConfigureAwait(false);
            return CatalogueImportResult.Failed(CatalogueImportStatus.VersionExists,
                [new ManifestProblem($"{CatalogueFile.FileName}.version", $"{bundle.Catalogue.Version}: the catalogue could not be saved, another upload changed it meanwhile; upload again")]);
        }
        catch
        {
            await undo.RunAsync().ConfigureAwait(false);
            throw;
        }
    }

    private async Task<Catalogue> SaveAsync(PortalDbContext db, Vendor vendor, ValidatedBundle bundle, List<ImportedVersion> loaded, int? uploadedByUserId,
        CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var catalogue = new Catalogue
        {
            VendorId = vendor.Id,
            CatalogueVersion = bundle.Catalogue.Version,
            UploadedAt = now,
            UploadedByUserId = uploadedByUserId,
            Status = CatalogueStatus.Active,
        };
        db.Catalogues.Add(catalogue);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var withScreenshots = new List<(ApplianceVersion Row, IReadOnlyList<ValidatedScreenshot> Screenshots)>();
        foreach (var appliance in bundle.Appliances.Where(a => !a.AlreadyStored))
        {
            var info = appliance.Manifest.Appliance;
            var row = db.Appliances.Local.FirstOrDefault(a => string.Equals(a.StableId, info.Id, StringComparison.OrdinalIgnoreCase))
                ?? await db.Appliances.FirstOrDefaultAsync(a => a.StableId == info.Id, cancellationToken).ConfigureAwait(false);
            if (row is null)
            {
                row = new Appliance { VendorId = vendor.Id, StableId = info.Id, Title = info.Title, CreatedAt = now };
                db.Appliances.Add(row);
            }

            row.Title = info.Title;
            row.Tagline = NullIfEmpty(info.Tagline);
            row.Description = NullIfEmpty(info.Description);
            row.Category = NullIfEmpty(info.Category);
            var image = loaded.Single(l => l.ApplianceId == info.Id && l.Version == info.Version);
            var version = new ApplianceVersion
            {
                Catalogue = catalogue,
                Version = info.Version,
                ManifestYaml = appliance.ManifestYaml,
                ManifestJson = ApplianceManifestJson.Serialize(appliance.Manifest),
                ImageReference = image.ImageReference,
                ImageDigest = image.ImageDigest,
                Icon = appliance.Icon,
                IconMediaType = appliance.IconMediaType,
                ReleaseNotes = NullIfEmpty(info.ReleaseNotes),
                CreatedAt = now,
            };
            row.Versions.Add(version);
            if (appliance.Screenshots.Count > 0)
            {
                withScreenshots.Add((version, appliance.Screenshots));
            }
        }

        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        await SaveScreenshotsAsync(db, withScreenshots, cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return catalogue;
    }

    /// <summary>One version's screenshots per save, let go of after it, so a bundle's screenshots are never all in memory at once.</summary>
    private static async Task SaveScreenshotsAsync(PortalDbContext db, List<(ApplianceVersion Row, IReadOnlyList<ValidatedScreenshot> Screenshots)> versions,
        CancellationToken cancellationToken)
    {
        foreach (var (version, screenshots) in versions)
        {
            var rows = new List<ApplianceVersionScreenshot>();
            for (var i = 0; i < screenshots.Count; i++)
            {
                rows.Add(new ApplianceVersionScreenshot
                {
                    ApplianceVersionId = version.Id,
                    Position = i,
                    Content = await File.ReadAllBytesAsync(screenshots[i].File, cancellationToken).ConfigureAwait(false),
                    MediaType = screenshots[i].MediaType,
                    Caption = screenshots[i].Caption,
                });
            }

            db.ApplianceVersionScreenshots.AddRange(rows);
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            foreach (var row in rows)
            {
                db.Entry(row).State = EntityState.Detached;
            }

            version.Screenshots.Clear();
        }
    }

    private static async Task<List<ImportedVersion>> UnchangedAsync(PortalDbContext db, Vendor vendor, ValidatedBundle bundle, CancellationToken cancellationToken)
    {
        var unchanged = new List<ImportedVersion>();
        foreach (var appliance in bundle.Appliances.Where(a => a.AlreadyStored))
        {
            var stored = await db.ApplianceVersions.AsNoTracking()
                .FirstAsync(v => v.Appliance!.StableId == appliance.Id && v.Appliance.VendorId == vendor.Id && v.Version == appliance.Version, cancellationToken)
                .ConfigureAwait(false);
            unchanged.Add(new ImportedVersion(appliance.Id, appliance.Version, stored.ImageReference, stored.ImageDigest));
        }

        return unchanged;
    }

    private static string? NullIfEmpty(string text) => text.Length == 0 ? null : text;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Catalogue {Vendor} {Version} could not be saved: {Error}")]
    private static partial void LogSaveFailed(ILogger logger, string vendor, string version, string error);
}
