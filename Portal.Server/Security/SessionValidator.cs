using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.EntityFrameworkCore;
using Portal.Data;

namespace Portal.Server.Security;

/// <summary>
/// Runs on every authenticated request: the cookie is only honoured while its user exists, is enabled and
/// still has the security stamp the cookie was issued with (a password change or disable ends every
/// session). The principal is rebuilt from the database so role and team changes apply at once.
/// </summary>
internal static class SessionValidator
{
    public static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var userId = context.Principal?.TryGetUserId();
        var stamp = context.Principal?.FindFirstValue(PortalClaims.SecurityStamp);
        var db = context.HttpContext.RequestServices.GetRequiredService<PortalDbContext>();
        var user = userId is null
            ? null
            : await db.Users.AsNoTracking().Include(u => u.Memberships)
                .FirstOrDefaultAsync(u => u.Id == userId, context.HttpContext.RequestAborted);
        if (user is null || user.Disabled || !string.Equals(user.SecurityStamp.ToString("N"), stamp, StringComparison.Ordinal))
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return;
        }

        context.ReplacePrincipal(PortalClaims.CreatePrincipal(user, CookieAuthenticationDefaults.AuthenticationScheme));
    }
}
