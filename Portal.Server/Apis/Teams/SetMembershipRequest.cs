namespace Portal.Server.Apis.Teams;

/// <param name="Role">"member" (the default) or "owner".</param>
public sealed record SetMembershipRequest(string? Role);
