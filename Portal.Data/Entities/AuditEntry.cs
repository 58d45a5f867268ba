namespace Portal.Data.Entities;

/// <summary>
/// One change: who, what, to what, when, from where. No foreign keys, so the log outlives the users and
/// objects it names.
/// </summary>
public sealed class AuditEntry
{
    public long Id { get; set; }

    public DateTimeOffset At { get; set; }

    public int? ActorUserId { get; set; }

    /// <summary>The actor's username at the time, or a system actor such as <c>setup</c> or <c>reconciler</c>.</summary>
    public required string Actor { get; set; }

    /// <summary><c>deployment.create</c>, <c>catalogue.upload</c>, <c>user.login-failed</c>...</summary>
    public required string Action { get; set; }

    public string? TargetType { get; set; }

    public string? TargetId { get; set; }

    public string? DetailsJson { get; set; }

    public string? RemoteAddress { get; set; }
}
