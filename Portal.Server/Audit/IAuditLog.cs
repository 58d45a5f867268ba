namespace Portal.Server.Audit;

/// <summary>
/// Writes one <see cref="Portal.Data.Entities.AuditEntry"/> per change, login and lockout. Call it after
/// the change is saved. Inside a request the actor and remote address come from the request unless the
/// record names them.
/// </summary>
public interface IAuditLog
{
    Task RecordAsync(AuditRecord record, CancellationToken cancellationToken);
}
