namespace Portal.Client.Contracts;

/// <summary>A user as admins see it; never the password hash.</summary>
public sealed record UserResponse(
    int Id,
    string Username,
    string? DisplayName,
    bool IsAdmin,
    VendorResponse? Vendor,
    bool Disabled,
    DateTimeOffset CreatedAt,
    DateTimeOffset? LastLoginAt,
    int FailedLoginCount,
    DateTimeOffset? LockedOutUntil,
    IReadOnlyList<UserTeamResponse> Teams);
