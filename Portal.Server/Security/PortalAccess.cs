using System.Security.Claims;
using Portal.Data.Entities;

namespace Portal.Server.Security;

/// <summary>
/// Resource checks for endpoints whose policy depends on the object (a vendor's catalogue, a team's
/// deployment). Each throws <see cref="AccessDeniedException"/> (→ 403) unless the caller may act; an admin
/// may always act.
/// </summary>
public static class PortalAccess
{
    public static void RequireAdmin(this ClaimsPrincipal user)
    {
        if (!user.IsAdmin())
        {
            throw new AccessDeniedException("This needs the admin role.");
        }
    }

    /// <summary>The caller is an admin or the vendor <paramref name="vendorId"/>.</summary>
    public static void RequireVendor(this ClaimsPrincipal user, int vendorId)
    {
        if (!user.IsAdmin() && user.GetVendorId() != vendorId)
        {
            throw new AccessDeniedException($"Only vendor {vendorId} or an admin may do this.");
        }
    }

    /// <summary>The caller is an admin or in team <paramref name="teamId"/> with at least <paramref name="minimum"/>.</summary>
    public static void RequireTeamMember(this ClaimsPrincipal user, int teamId, TeamRole minimum = TeamRole.Member)
    {
        if (!user.IsTeamMember(teamId, minimum))
        {
            throw new AccessDeniedException(minimum == TeamRole.Owner
                ? $"Only an owner of team {teamId} or an admin may do this."
                : $"Only members of team {teamId} or an admin may do this.");
        }
    }

    public static bool IsTeamMember(this ClaimsPrincipal user, int teamId, TeamRole minimum = TeamRole.Member) =>
        user.IsAdmin() || (user.GetTeams().TryGetValue(teamId, out var role) && role >= minimum);
}
