using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Engine.Images;
using Portal.Server.Catalogues.Manifests;

namespace Portal.Server.Catalogues.Bundles;

/// <summary>
/// Imports catalogue bundles (docs/appliance-format.md, "Catalogue bundle"): receives the upload into a file under the
/// data directory with a size cap, extracts it safely, validates all of it, then loads the images and saves the rows.
/// Imports run one at a time. The caller has authorised the acting vendor; its id is passed in.
/// </summary>
public sealed partial class CatalogueImporter : IDisposable
{
    private const int CopyBufferBytes = 128 * 1024;
    private const long ProgressStepBytes = 1024 * 1024;

    private readonly IDbContextFactory<PortalDbContext> _db;
    private readonly BundleOptions _options;
    private readonly BundleValidator _validator;
    private readonly BundleCommitter _committer;
    private readonly ILogger<CatalogueImporter> _logger;
    private readonly SemaphoreSlim _lock = new(1, 1);

    public CatalogueImporter(IDbContextFactory<PortalDbContext> db, IImageService images, IImageArchiveLoader archives, BundleOptions options,
        TimeProvider time, ILogger<CatalogueImporter> logger)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(options?.TempDirectory, nameof(options));
        _db = db;
        _options = options;
        _validator = new BundleValidator(archives, options);
        _committer = new BundleCommitter(images, archives, time, logger);
        _logger = logger;
        Directory.CreateDirectory(options.TempDirectory);
        foreach (var leftover in Directory.EnumerateDirectories(options.TempDirectory))
        {
            Directory.Delete(leftover, recursive: true);
        }
    }

    public void Dispose() => _lock.Dispose();

    /// <summary>
    /// Streams <paramref name="body"/> to a temp file, then imports it. A <paramref name="contentLength"/> over the cap is
    /// refused before anything is read; a body that passes the cap is refused the moment it does.
    /// </summary>
    public async Task<CatalogueImportResult> UploadAsync(int vendorId, int? uploadedByUserId, Stream body, long? contentLength,
        IProgress<BundleProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(body);
        if (contentLength > _options.MaxBundleBytes)
        {
            return TooLarge($"the bundle is {contentLength} bytes, over the upload cap of {_options.MaxBundleBytes} bytes (Portal:Catalogues:MaxBundleBytes)");
        }

        var work = NewWorkDirectory();
        try
        {
            var path = Path.Combine(work, "bundle");
            if (!await ReceiveAsync(body, path, contentLength, progress, cancellationToken).ConfigureAwait(false))
            {
                return TooLarge($"the bundle is over the upload cap of {_options.MaxBundleBytes} bytes (Portal:Catalogues:MaxBundleBytes)");
            }

            return await ImportAsync(vendorId, uploadedByUserId, path, work, progress, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            DeleteQuietly(work);
        }
    }

    /// <summary>Imports a bundle file already on disk (the demo catalogue); the file is left in place.</summary>
    public async Task<CatalogueImportResult> ImportFileAsync(int vendorId, int? uploadedByUserId, string bundlePath,
        IProgress<BundleProgress>? progress, CancellationToken cancellationToken)
    {
        var work = NewWorkDirectory();
        try
        {
            return await ImportAsync(vendorId, uploadedByUserId, bundlePath, work, progress, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            DeleteQuietly(work);
        }
    }

    private async Task<bool> ReceiveAsync(Stream body, string path, long? contentLength, IProgress<BundleProgress>? progress, CancellationToken cancellationToken)
    {
        await using var file = new FileStream(path, new FileStreamOptions
        {
            Mode = FileMode.CreateNew,
            Access = FileAccess.Write,
            UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
        });
        var buffer = new byte[CopyBufferBytes];
        long received = 0, reported = 0;
        progress?.Report(new BundleProgress(BundlePhase.Receiving, 0, contentLength));
        int read;
        while ((read = await body.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
        {
            received += read;
            if (received > _options.MaxBundleBytes)
            {
                return false;
            }

            await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
            if (received - reported >= ProgressStepBytes)
            {
                reported = received;
                progress?.Report(new BundleProgress(BundlePhase.Receiving, received, contentLength));
            }
        }

        progress?.Report(new BundleProgress(BundlePhase.Receiving, received, contentLength ?? received));
        return true;
    }

    private async Task<CatalogueImportResult> ImportAsync(int vendorId, int? uploadedByUserId, string bundlePath, string work,
        IProgress<BundleProgress>? progress, CancellationToken cancellationToken)
    {
        await _lock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var db = await _db.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
            await using (db.ConfigureAwait(false))
            {
                var vendor = await db.Vendors.FirstOrDefaultAsync(v => v.Id == vendorId, cancellationToken).ConfigureAwait(false)
                    ?? throw new ArgumentException($"vendor {vendorId} does not exist", nameof(vendorId));
                progress?.Report(new BundleProgress(BundlePhase.Validating, 0, null));
                var root = Path.Combine(work, "bundle.d");
                var problems = new List<ManifestProblem>();
                var readable = await BundleExtractor.ExtractAsync(bundlePath, root, _options, problems, cancellationToken).ConfigureAwait(false);
                var bundle = !readable
                    ? new ValidatedBundle(new CatalogueFile(), [], problems, false)
                    : await _validator.ValidateAsync(db, vendor, root, problems, progress, cancellationToken).ConfigureAwait(false);
                if (bundle.Problems.Count > 0)
                {
                    LogRefused(_logger, vendor.Name, bundle.Catalogue.Version, bundle.Problems.Count);
                    return CatalogueImportResult.Failed(bundle.VersionExists ? CatalogueImportStatus.VersionExists : CatalogueImportStatus.Invalid, bundle.Problems)
                        with
                    { Vendor = vendor.Name, CatalogueVersion = bundle.Catalogue.Version };
                }

                var result = await _committer.CommitAsync(db, vendor, bundle, uploadedByUserId, progress, cancellationToken).ConfigureAwait(false);
                if (result.Succeeded)
                {
                    LogImported(_logger, vendor.Name, result.CatalogueVersion, result.Added.Count, result.Unchanged.Count);
                }

                return result with { Vendor = vendor.Name, CatalogueVersion = bundle.Catalogue.Version };
            }
        }
        finally
        {
            _lock.Release();
        }
    }

    private static CatalogueImportResult TooLarge(string message) =>
        CatalogueImportResult.Failed(CatalogueImportStatus.TooLarge, [new ManifestProblem(BundleExtractor.ProblemPath, message)]);

    private string NewWorkDirectory()
    {
        var path = Path.Combine(_options.TempDirectory, Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return path;
    }

    private void DeleteQuietly(string path)
    {
        try
        {
            Directory.Delete(path, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            LogCleanupFailed(_logger, path, e.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Imported catalogue {Vendor} {Version}: {Added} versions added, {Unchanged} already stored")]
    private static partial void LogImported(ILogger logger, string vendor, string version, int added, int unchanged);

    [LoggerMessage(Level = LogLevel.Information, Message = "Refused catalogue {Vendor} {Version}: {Count} problems")]
    private static partial void LogRefused(ILogger logger, string vendor, string version, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not remove the catalogue work directory {Path}: {Error}")]
    private static partial void LogCleanupFailed(ILogger logger, string path, string error);
}
