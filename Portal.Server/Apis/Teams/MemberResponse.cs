using Portal.Data.Entities;

namespace Portal.Server.Apis.Teams;

public sealed record MemberResponse(int UserId, string Username, string? DisplayName, TeamRole Role, DateTimeOffset AddedAt);
