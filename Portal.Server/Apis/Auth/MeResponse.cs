using Portal.Server.Apis.Teams;
using Portal.Server.Apis.Vendors;

namespace Portal.Server.Apis.Auth;

/// <summary>The signed-in user: roles are "admin", "vendor" (with <see cref="Vendor"/>) and "member" (with <see cref="Teams"/>).</summary>
public sealed record MeResponse(
    int Id,
    string Username,
    string? DisplayName,
    IReadOnlyList<string> Roles,
    VendorResponse? Vendor,
    IReadOnlyList<UserTeamResponse> Teams);
