namespace Portal.Server.Apis.Audit;

/// <param name="User">The actor's name (a username, or a system actor such as "setup").</param>
/// <param name="Action">An action ("auth.login"), or a prefix ending in "." ("user.").</param>
/// <param name="Target">A target type ("team"), or type and id ("team:3").</param>
/// <param name="From">Entries at or after this instant.</param>
/// <param name="To">Entries before this instant.</param>
/// <param name="Page">1-based.</param>
/// <param name="PageSize">1 to 500; 50 when left out.</param>
public sealed record AuditQuery(string? User, string? Action, string? Target, DateTimeOffset? From, DateTimeOffset? To, int? Page, int? PageSize);
