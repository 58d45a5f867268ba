using Microsoft.AspNetCore.Http.HttpResults;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Data.Entities;
using Portal.Server.Apis.Users;
using Portal.Server.Audit;
using Portal.Server.Security;
using Portal.Server.Apis;

namespace Portal.Server.Apis.Vendors;

/// <summary>Vendors (admins only): a vendor user is linked to one at creation.</summary>
public static class VendorsApi
{
    public static void Map(IEndpointRouteBuilder api)
    {
        var vendors = api.MapGroup("/vendors").WithTags("Vendors").RequireAdmin();
        vendors.MapGet("", ListAsync);
        vendors.MapPost("", CreateAsync).ProducesProblem(StatusCodes.Status409Conflict);
    }

    public static async Task<Ok<List<VendorResponse>>> ListAsync(PortalDbContext db, CancellationToken cancellationToken)
    {
        var vendors = await db.Vendors.AsNoTracking().OrderBy(v => v.Name).ToListAsync(cancellationToken);
        return TypedResults.Ok(vendors.ConvertAll(ContractMapping.From));
    }

    public static async Task<Results<Created<VendorResponse>, ValidationProblem, ProblemHttpResult>> CreateAsync(
        CreateVendorRequest request, PortalDbContext db, IAuditLog audit, TimeProvider time, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        errors.AddIf("name", NameRules.Check(request.Name));
        UserValidation.CheckDisplayName(errors, request.DisplayName);
        if (errors.HasErrors)
        {
            return errors.ToResult();
        }

        if (await db.Vendors.AnyAsync(v => v.Name == request.Name, cancellationToken))
        {
            return Problems.Conflict($"A vendor named \"{request.Name}\" already exists.");
        }

        var vendor = new Vendor { Name = request.Name!, DisplayName = request.DisplayName, CreatedAt = time.GetUtcNow() };
        db.Vendors.Add(vendor);
        await db.SaveChangesAsync(cancellationToken);
        await audit.RecordAsync(new AuditRecord(AuditActions.VendorCreate, AuditTargets.Vendor,
            vendor.Id.ToString(CultureInfo.InvariantCulture), new { name = vendor.Name }), cancellationToken);
        return TypedResults.Created($"/api/v1/vendors/{vendor.Id}", ContractMapping.From(vendor));
    }
}
