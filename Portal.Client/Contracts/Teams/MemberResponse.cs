namespace Portal.Client.Contracts;

public sealed record MemberResponse(int UserId, string Username, string? DisplayName, string Role, DateTimeOffset AddedAt);
