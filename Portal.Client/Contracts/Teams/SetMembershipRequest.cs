namespace Portal.Client.Contracts;

/// <param name="Role">"member" (the default) or "owner".</param>
public sealed record SetMembershipRequest(string? Role);
