using System.Security.Claims;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Data.Entities;
using Portal.Server.Security;

namespace Portal.Server.Audit;

/// <summary>
/// Writes through its own short-lived context, so an entry is stored even when the request's own unit of
/// work is rolled back, and background services can use it too.
/// </summary>
internal sealed class AuditLog(IDbContextFactory<PortalDbContext> contexts, IHttpContextAccessor http, TimeProvider time) : IAuditLog
{
    public async Task RecordAsync(AuditRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        var context = http.HttpContext;
        var entry = new AuditEntry
        {
            At = time.GetUtcNow(),
            Action = record.Action,
            Actor = "",
            TargetType = record.TargetType,
            TargetId = record.TargetId,
            DetailsJson = record.Details is null ? null : JsonSerializer.Serialize(record.Details, record.Details.GetType(), JsonSerializerOptions.Web),
            RemoteAddress = record.RemoteAddress ?? context?.Connection.RemoteIpAddress?.ToString(),
        };
        var actor = record.Actor ?? CurrentActor(context?.User);
        entry.ActorUserId = actor.UserId;
        entry.Actor = actor.Name;

        var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using (db)
        {
            db.AuditEntries.Add(entry);
            await db.SaveChangesAsync(cancellationToken);
        }
    }

    private static AuditActor CurrentActor(ClaimsPrincipal? user) =>
        user?.TryGetUserId() is { } id ? new AuditActor(id, user.Identity?.Name ?? id.ToString(System.Globalization.CultureInfo.InvariantCulture)) : AuditActor.Anonymous;
}
