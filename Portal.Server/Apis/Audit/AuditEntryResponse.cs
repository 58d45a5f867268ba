using System.Text.Json;
using Portal.Data.Entities;

namespace Portal.Server.Apis.Audit;

public sealed record AuditEntryResponse(
    long Id,
    DateTimeOffset At,
    int? ActorUserId,
    string Actor,
    string Action,
    string? TargetType,
    string? TargetId,
    JsonElement? Details,
    string? RemoteAddress)
{
    public static AuditEntryResponse From(AuditEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return new(entry.Id, entry.At, entry.ActorUserId, entry.Actor, entry.Action, entry.TargetType, entry.TargetId,
            entry.DetailsJson is null ? null : JsonDocument.Parse(entry.DetailsJson).RootElement.Clone(),
            entry.RemoteAddress);
    }
}
