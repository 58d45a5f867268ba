using System.Text.Json;

namespace Portal.Client.Contracts;

public sealed record AuditEntryResponse(
    long Id,
    DateTimeOffset At,
    int? ActorUserId,
    string Actor,
    string Action,
    string? TargetType,
    string? TargetId,
    JsonElement? Details,
    string? RemoteAddress);
