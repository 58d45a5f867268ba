using Portal.Data.Entities;
using Portal.Server.Apis.Teams;
using Portal.Server.Apis.Vendors;

namespace Portal.Server.Apis.Users;

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
    IReadOnlyList<UserTeamResponse> Teams)
{
    /// <summary>Needs <see cref="User.Vendor"/> and the memberships' teams loaded.</summary>
    public static UserResponse From(User user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return new(user.Id, user.Username, user.DisplayName, user.IsAdmin,
            user.Vendor is null ? null : VendorResponse.From(user.Vendor),
            user.Disabled, user.CreatedAt, user.LastLoginAt, user.FailedLoginCount, user.LockedOutUntil,
            [.. user.Memberships.Where(m => m.Team is not null).Select(m => new UserTeamResponse(m.TeamId, m.Team!.Name, m.Role))]);
    }
}
