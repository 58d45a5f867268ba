using System.Globalization;
using System.Security.Claims;
using Portal.Data.Entities;

namespace Portal.Server.Security;

/// <summary>
/// The claims of a signed-in user. The cookie carries them, but they are rebuilt from the database on every
/// request (<see cref="SessionValidator"/>), so a role or membership change applies at once.
/// </summary>
public static class PortalClaims
{
    public const string SecurityStamp = "portal:stamp";

    public const string VendorId = "portal:vendor";

    /// <summary>One per membership: "{teamId}:{member|owner}".</summary>
    public const string Team = "portal:team";

    public static ClaimsPrincipal CreatePrincipal(User user, string authenticationType)
    {
        ArgumentNullException.ThrowIfNull(user);
        var identity = new ClaimsIdentity(authenticationType, ClaimTypes.Name, ClaimTypes.Role);
        identity.AddClaim(new Claim(ClaimTypes.NameIdentifier, user.Id.ToString(CultureInfo.InvariantCulture)));
        identity.AddClaim(new Claim(ClaimTypes.Name, user.Username));
        identity.AddClaim(new Claim(SecurityStamp, user.SecurityStamp.ToString("N")));
        if (user.IsAdmin)
        {
            identity.AddClaim(new Claim(ClaimTypes.Role, PortalRoles.Admin));
        }

        if (user.VendorId is { } vendorId)
        {
            identity.AddClaim(new Claim(ClaimTypes.Role, PortalRoles.Vendor));
            identity.AddClaim(new Claim(VendorId, vendorId.ToString(CultureInfo.InvariantCulture)));
        }

        foreach (var membership in user.Memberships)
        {
            identity.AddClaim(new Claim(Team, string.Create(CultureInfo.InvariantCulture, $"{membership.TeamId}:{RoleName(membership.Role)}")));
        }

        return new ClaimsPrincipal(identity);
    }

    public static string RoleName(TeamRole role) => role == TeamRole.Owner ? "owner" : "member";

    public static bool TryParseRole(string? value, out TeamRole role)
    {
        role = TeamRole.Member;
        switch (value)
        {
            case "member":
                return true;
            case "owner":
                role = TeamRole.Owner;
                return true;
            default:
                return false;
        }
    }

    /// <summary>The signed-in user's id; throws <see cref="AccessDeniedException"/> for an anonymous caller.</summary>
    public static int GetUserId(this ClaimsPrincipal principal) =>
        principal.TryGetUserId() ?? throw new AccessDeniedException("This call needs a signed-in user.");

    public static int? TryGetUserId(this ClaimsPrincipal principal)
    {
        ArgumentNullException.ThrowIfNull(principal);
        return int.TryParse(principal.FindFirstValue(ClaimTypes.NameIdentifier), NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            ? id
            : null;
    }

    public static int? GetVendorId(this ClaimsPrincipal principal)
    {
        ArgumentNullException.ThrowIfNull(principal);
        return int.TryParse(principal.FindFirstValue(VendorId), NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;
    }

    public static bool IsAdmin(this ClaimsPrincipal principal)
    {
        ArgumentNullException.ThrowIfNull(principal);
        return principal.IsInRole(PortalRoles.Admin);
    }

    /// <summary>The teams this user belongs to, with the role in each.</summary>
    public static IReadOnlyDictionary<int, TeamRole> GetTeams(this ClaimsPrincipal principal)
    {
        ArgumentNullException.ThrowIfNull(principal);
        var teams = new Dictionary<int, TeamRole>();
        foreach (var claim in principal.FindAll(Team))
        {
            var parts = claim.Value.Split(':');
            if (parts.Length == 2
                && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var teamId)
                && TryParseRole(parts[1], out var role))
            {
                teams[teamId] = role;
            }
        }

        return teams;
    }
}
