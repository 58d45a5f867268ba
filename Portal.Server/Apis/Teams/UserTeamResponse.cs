using Portal.Data.Entities;

namespace Portal.Server.Apis.Teams;

/// <summary>A team a user belongs to, with the user's role in it.</summary>
public sealed record UserTeamResponse(int Id, string Name, TeamRole Role);
