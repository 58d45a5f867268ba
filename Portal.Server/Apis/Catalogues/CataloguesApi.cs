using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Server.Audit;
using Portal.Server.Catalogues.Bundles;
using Portal.Server.Deployments;
using Portal.Server.Security;
using Portal.Server.Apis;

namespace Portal.Server.Apis.Catalogues;

/// <summary>
/// Vendors upload catalogue bundles (the body is the tar or tar.gz itself, streamed to disk under the cap);
/// every signed-in user browses appliances. docs/appliance-format.md "Catalogue bundle".
/// </summary>
public static class CataloguesApi
{
    public static void Map(IEndpointRouteBuilder api)
    {
        api.MapPost("/catalogues", UploadAsync).WithTags("Catalogues")
            .Accepts<Stream>("application/gzip", "application/x-tar", "application/octet-stream")
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge);
        api.MapGet("/appliances", ListAsync).WithTags("Catalogues");
        api.MapGet("/appliances/{id:int}", GetAsync).WithTags("Catalogues").ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/appliance-versions/{id:int}", VersionAsync).WithTags("Catalogues").ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/categories", CategoriesAsync).WithTags("Catalogues");
        api.MapGet("/appliance-versions/{id:int}/icon", IconAsync).WithTags("Catalogues").ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/appliance-versions/{id:int}/screenshots/{position:int}", ScreenshotAsync).WithTags("Catalogues").ProducesProblem(StatusCodes.Status404NotFound);
    }

    /// <summary>
    /// A vendor uploads for their own vendor (?vendorId= of another vendor is 403); an admin names the vendor with ?vendorId=. 201 with what was added,
    /// 422 with every problem, 409 when the catalogue version exists, 413 over the cap. Nothing changes unless 201.
    /// With ?importId= (a GUID the client chose) the progress streams on the live hub's ImportProgress(importId).
    /// </summary>
    public static async Task<Results<Created<CatalogueUploadResponse>, UnprocessableEntity<CatalogueUploadResponse>, Conflict<CatalogueUploadResponse>, ProblemHttpResult>> UploadAsync(
        int? vendorId, Guid? importId, HttpContext context, CatalogueImporter importer, BundleOptions options, ImportProgressFeed progress,
        IAuditLog audit, CancellationToken cancellationToken)
    {
        // A vendor naming another vendor is refused (RequireVendor), never silently given their own catalogue.
        var vendor = vendorId ?? context.User.GetVendorId();
        if (vendor is null)
        {
            return Problems.Forbidden("Only vendors upload catalogues (an admin names the vendor with ?vendorId=).");
        }

        context.User.RequireVendor(vendor.Value);
        // Kestrel's default body cap (30 MB) would cut a bundle the importer's own cap allows.
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = options.MaxBundleBytes + 1;
        }

        var user = context.User.GetUserId();
        var reporter = importId is { } id ? progress.Reporter(user, id) : null;
        CatalogueImportResult result;
        try
        {
            result = await importer.UploadAsync(vendor.Value, user, context.Request.Body, context.Request.ContentLength, reporter, cancellationToken);
        }
        catch when (importId is { } failed)
        {
            progress.Fail(user, failed);
            throw;
        }

        if (importId is { } finished)
        {
            progress.Finish(user, finished, result);
        }

        var response = ContractMapping.From(result);
        await audit.RecordAsync(new AuditRecord(
            result.Succeeded ? AuditActions.CatalogueUpload : AuditActions.CatalogueUploadRefused, AuditTargets.Catalogue,
            result.CatalogueId?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-",
            new { vendorId = vendor, status = result.Status.ToString(), result.CatalogueVersion, added = result.Added.Count, problems = result.Problems.Count }),
            cancellationToken);
        return result.Status switch
        {
            CatalogueImportStatus.Imported => TypedResults.Created($"/api/v1/catalogues/{result.CatalogueId}", response),
            CatalogueImportStatus.VersionExists => TypedResults.Conflict(response),
            CatalogueImportStatus.TooLarge => TypedResults.Problem(string.Join("\n", response.Problems.Select(p => p.Text)),
                statusCode: StatusCodes.Status413PayloadTooLarge, title: "Bundle too large"),
            _ => TypedResults.UnprocessableEntity(response),
        };
    }

    public static async Task<Ok<List<ApplianceResponse>>> ListAsync(string? search, string? category, PortalDbContext db, CancellationToken cancellationToken)
    {
        var appliances = db.Appliances.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(category))
        {
            appliances = appliances.Where(a => a.Category == category);
        }

        if (!string.IsNullOrWhiteSpace(search))
        {
            var term = search.Trim();
            appliances = appliances.Where(a => EF.Functions.Like(a.Title, $"%{term}%") || EF.Functions.Like(a.Tagline ?? "", $"%{term}%")
                || EF.Functions.Like(a.Description ?? "", $"%{term}%"));
        }

        return TypedResults.Ok(await ProjectAsync(appliances, db, cancellationToken));
    }

    public static async Task<Results<Ok<ApplianceResponse>, ProblemHttpResult>> GetAsync(int id, PortalDbContext db, CancellationToken cancellationToken) =>
        (await ProjectAsync(db.Appliances.AsNoTracking().Where(a => a.Id == id), db, cancellationToken)).SingleOrDefault() is { } appliance
            ? TypedResults.Ok(appliance)
            : Problems.NotFound("appliance", id);

    /// <summary>One version as its manifest describes it: what the detail page and the deploy form show.</summary>
    public static async Task<Results<Ok<ApplianceVersionDetailResponse>, ProblemHttpResult>> VersionAsync(int id, PortalDbContext db, CancellationToken cancellationToken)
    {
        var version = await db.ApplianceVersions.AsNoTracking().Include(v => v.Appliance).ThenInclude(a => a!.Vendor)
            .SingleOrDefaultAsync(v => v.Id == id, cancellationToken);
        if (version is null)
        {
            return Problems.NotFound("appliance version", id);
        }

        var detail = ApplianceVersionDetails.From(version, DeploymentManifests.Load(version));
        var screenshots = await db.ApplianceVersionScreenshots.AsNoTracking().Where(s => s.ApplianceVersionId == id).OrderBy(s => s.Position)
            .Select(s => new { s.Position, s.Caption, s.MediaType }).ToListAsync(cancellationToken);
        return TypedResults.Ok(detail with
        {
            Screenshots = [.. screenshots.Select(s => ApplianceVersionDetails.Screenshot(id, detail.Title, s.Position, s.Caption, s.MediaType))],
        });
    }

    /// <summary>The categories appliances are in, sorted; appliances without one are left out.</summary>
    public static async Task<Ok<List<string>>> CategoriesAsync(PortalDbContext db, CancellationToken cancellationToken)
    {
        var categories = await db.Appliances.AsNoTracking().Where(a => a.Category != null && a.Category != "").Select(a => a.Category!)
            .Distinct().ToListAsync(cancellationToken);
        return TypedResults.Ok(categories.Order(StringComparer.OrdinalIgnoreCase).ToList());
    }

    /// <summary>Icons are vendor content: served with their checked type, never sniffed, and unable to run script.</summary>
    public static async Task<Results<FileContentHttpResult, ProblemHttpResult>> IconAsync(int id, HttpContext context, PortalDbContext db, CancellationToken cancellationToken)
    {
        var icon = await db.ApplianceVersions.AsNoTracking().Where(v => v.Id == id).Select(v => new { v.Icon, v.IconMediaType }).SingleOrDefaultAsync(cancellationToken);
        if (icon?.Icon is null || icon.IconMediaType is null)
        {
            return Problems.NotFound("icon of appliance version", id);
        }

        return VendorImage(context, icon.Icon, icon.IconMediaType);
    }

    /// <summary>
    /// A screenshot (0-based position) with the same headers as icons. A version's screenshots never change, but a
    /// deleted version's id can be given again, so browsers keep them an hour, privately (they are behind sign-in).
    /// </summary>
    public static async Task<Results<FileContentHttpResult, ProblemHttpResult>> ScreenshotAsync(int id, int position, HttpContext context, PortalDbContext db,
        CancellationToken cancellationToken)
    {
        var screenshot = await db.ApplianceVersionScreenshots.AsNoTracking().Where(s => s.ApplianceVersionId == id && s.Position == position)
            .Select(s => new { s.Content, s.MediaType }).SingleOrDefaultAsync(cancellationToken);
        if (screenshot is null)
        {
            return Problems.NotFound($"screenshot {position} of appliance version", id);
        }

        context.Response.Headers.CacheControl = "private, max-age=3600";
        return VendorImage(context, screenshot.Content, screenshot.MediaType);
    }

    private static FileContentHttpResult VendorImage(HttpContext context, byte[] content, string mediaType)
    {
        context.Response.Headers.XContentTypeOptions = "nosniff";
        context.Response.Headers.ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; sandbox";
        return TypedResults.File(content, mediaType);
    }

    private static async Task<List<ApplianceResponse>> ProjectAsync(IQueryable<Data.Entities.Appliance> appliances, PortalDbContext db, CancellationToken cancellationToken)
    {
        var rows = await appliances.OrderBy(a => a.Title)
            .Select(a => new
            {
                a.Id,
                a.StableId,
                a.Title,
                a.Tagline,
                a.Description,
                a.Category,
                Vendor = a.Vendor!.Name,
                Versions = a.Versions.Select(v => new { v.Id, v.Version, v.ReleaseNotes, HasIcon = v.Icon != null, v.CreatedAt, Deployments = db.Deployments.Count(d => d.ApplianceVersionId == v.Id) }).ToList(),
            })
            .ToListAsync(cancellationToken);
        return [.. rows.Select(a => new ApplianceResponse(a.Id, a.StableId, a.Title, a.Tagline, a.Description, a.Category, a.Vendor,
            [.. a.Versions.OrderByDescending(v => v.CreatedAt).ThenByDescending(v => v.Id)
                .Select(v => new ApplianceVersionResponse(v.Id, v.Version, v.ReleaseNotes, v.HasIcon, $"/api/v1/appliance-versions/{v.Id}/icon", v.CreatedAt, v.Deployments))]))];
    }
}
