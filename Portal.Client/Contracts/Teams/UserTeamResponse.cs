namespace Portal.Client.Contracts;

/// <summary>A team a user belongs to, with the user's role in it ("member" or "owner").</summary>
public sealed record UserTeamResponse(int Id, string Name, string Role);
