namespace Portal.Server.Audit;

/// <summary>Who did it: a user, or a system part such as "setup" or "reconciler" (no user id).</summary>
public sealed record AuditActor(int? UserId, string Name)
{
    public static readonly AuditActor Anonymous = new(null, "anonymous");

    public static AuditActor System(string name) => new(null, name);
}
