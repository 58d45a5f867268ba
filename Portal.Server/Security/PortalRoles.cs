namespace Portal.Server.Security;

/// <summary>Role claim values. A team member has no role claim of its own: see <see cref="PortalClaims.Team"/>.</summary>
public static class PortalRoles
{
    public const string Admin = "admin";

    public const string Vendor = "vendor";

    /// <summary>Reported by /auth/me for a user in at least one team.</summary>
    public const string TeamMember = "member";
}
