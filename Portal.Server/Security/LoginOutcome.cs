using Portal.Data.Entities;

namespace Portal.Server.Security;

/// <summary>The result of a login attempt: a user, a refusal, or a lockout with the time left.</summary>
public sealed record LoginOutcome(User? User, TimeSpan? RetryAfter)
{
    public static readonly LoginOutcome Failed = new(null, null);

    public bool Succeeded => User is not null;
}
