using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Server.Security;

namespace Portal.Server.Apis.Catalogues;

/// <summary>
/// A vendor's uploaded catalogues with the appliance versions each added and how many deployments run them: a vendor
/// sees its own (naming another vendor is 403), an admin every vendor's or one with ?vendorId=.
/// </summary>
public static class VendorCataloguesApi
{
    public static void Map(IEndpointRouteBuilder api)
    {
        api.MapGet("/catalogues", ListAsync).WithTags("Catalogues").RequireVendorRole();
    }

    public static async Task<Results<Ok<List<CatalogueResponse>>, ProblemHttpResult>> ListAsync(
        int? vendorId, HttpContext context, PortalDbContext db, CancellationToken cancellationToken)
    {
        var vendor = vendorId ?? (context.User.IsAdmin() ? null : context.User.GetVendorId());
        if (vendor is null && !context.User.IsAdmin())
        {
            return Problems.Forbidden("Only vendors list their catalogues (an admin lists every vendor's).");
        }

        if (vendor is { } named)
        {
            context.User.RequireVendor(named);
        }

        var catalogues = db.Catalogues.AsNoTracking();
        if (vendor is { } id)
        {
            catalogues = catalogues.Where(c => c.VendorId == id);
        }

        var rows = await catalogues
            .Select(c => new
            {
                c.Id,
                c.VendorId,
                Vendor = c.Vendor!.Name,
                c.CatalogueVersion,
                c.UploadedAt,
                c.Status,
                Versions = c.ApplianceVersions.Select(v => new
                {
                    v.ApplianceId,
                    v.Appliance!.StableId,
                    v.Appliance.Title,
                    v.Id,
                    v.Version,
                    v.ReleaseNotes,
                    HasIcon = v.Icon != null,
                    v.CreatedAt,
                    Deployments = db.Deployments.Count(d => d.ApplianceVersionId == v.Id),
                }).ToList(),
            })
            .ToListAsync(cancellationToken);
        // SQLite cannot order by DateTimeOffset in SQL; the lists are small.
        return TypedResults.Ok(rows
            .OrderBy(c => c.Vendor, StringComparer.OrdinalIgnoreCase).ThenByDescending(c => c.UploadedAt).ThenByDescending(c => c.Id)
            .Select(c => new CatalogueResponse(c.Id, c.VendorId, c.Vendor, c.CatalogueVersion, c.UploadedAt, c.Status.ToString(),
                [.. c.Versions.OrderBy(v => v.Title, StringComparer.OrdinalIgnoreCase).ThenByDescending(v => v.CreatedAt)
                    .Select(v => new CatalogueApplianceVersionResponse(v.ApplianceId, v.StableId, v.Title,
                        new ApplianceVersionResponse(v.Id, v.Version, v.ReleaseNotes, v.HasIcon, $"/api/v1/appliance-versions/{v.Id}/icon", v.CreatedAt, v.Deployments)))],
                c.Versions.Sum(v => v.Deployments)))
            .ToList());
    }
}
