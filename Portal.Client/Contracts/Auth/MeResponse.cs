namespace Portal.Client.Contracts;

/// <summary>The signed-in user: roles are "admin", "vendor" (with <see cref="Vendor"/>) and "member" (with <see cref="Teams"/>).</summary>
public sealed record MeResponse(
    int Id,
    string Username,
    string? DisplayName,
    IReadOnlyList<string> Roles,
    VendorResponse? Vendor,
    IReadOnlyList<UserTeamResponse> Teams);
