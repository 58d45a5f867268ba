using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Server.Security;

namespace Portal.Server.Apis.Audit;

/// <summary>The audit log, filtered and paged (admins only).</summary>
public static class AuditApi
{
    public const int MaxPageSize = 500;

    public static void Map(IEndpointRouteBuilder api)
    {
        api.MapGet("/audit", QueryAsync).WithTags("Audit").RequireAdmin();
    }

    public static async Task<Results<Ok<AuditPage>, ValidationProblem>> QueryAsync(
        [AsParameters] AuditQuery query, PortalDbContext db, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var page = query.Page ?? 1;
        var pageSize = query.PageSize ?? 50;
        if (page < 1)
        {
            errors.Add("page", "page must be 1 or more.");
        }

        if (pageSize is < 1 or > MaxPageSize)
        {
            errors.Add("pageSize", $"pageSize must be between 1 and {MaxPageSize}.");
        }

        if (query.From is { } from && query.To is { } to && from >= to)
        {
            errors.Add("to", "to must be after from.");
        }

        if (errors.HasErrors)
        {
            return errors.ToResult();
        }

        var entries = db.AuditEntries.AsNoTracking();
        if (!string.IsNullOrEmpty(query.User))
        {
            entries = entries.Where(e => e.Actor == query.User);
        }

        if (!string.IsNullOrEmpty(query.Action))
        {
            entries = query.Action.EndsWith('.')
                ? entries.Where(e => e.Action.StartsWith(query.Action))
                : entries.Where(e => e.Action == query.Action);
        }

        if (!string.IsNullOrEmpty(query.Target))
        {
            var separator = query.Target.IndexOf(':', StringComparison.Ordinal);
            var type = separator < 0 ? query.Target : query.Target[..separator];
            entries = entries.Where(e => e.TargetType == type);
            if (separator >= 0)
            {
                var id = query.Target[(separator + 1)..];
                entries = entries.Where(e => e.TargetId == id);
            }
        }

        if (query.From is { } since)
        {
            entries = entries.Where(e => e.At >= since);
        }

        if (query.To is { } until)
        {
            entries = entries.Where(e => e.At < until);
        }

        var total = await entries.CountAsync(cancellationToken);
        var items = await entries.OrderByDescending(e => e.At).ThenByDescending(e => e.Id)
            .Skip((page - 1) * pageSize).Take(pageSize)
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(new AuditPage(items.ConvertAll(ContractMapping.From), page, pageSize, total));
    }
}
