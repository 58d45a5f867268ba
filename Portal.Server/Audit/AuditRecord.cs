namespace Portal.Server.Audit;

/// <summary>
/// One audit entry to write. <see cref="Details"/> is serialised as JSON: never put a password, token or
/// secret value in it.
/// </summary>
public sealed record AuditRecord(string Action, string? TargetType = null, string? TargetId = null, object? Details = null)
{
    /// <summary>Null: the signed-in user of the current request, else <see cref="AuditActor.Anonymous"/>.</summary>
    public AuditActor? Actor { get; init; }

    /// <summary>Null: the current request's client address.</summary>
    public string? RemoteAddress { get; init; }
}
