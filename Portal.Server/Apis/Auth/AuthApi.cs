using Microsoft.AspNetCore.Http.HttpResults;
using System.Globalization;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Server.Apis.Teams;
using Portal.Server.Apis.Vendors;
using Portal.Server.Audit;
using Portal.Server.Extensions;
using Portal.Server.Security;
using Portal.Server.Apis;

namespace Portal.Server.Apis.Auth;

public static class AuthApi
{
    private const int MaxCredentialLength = 256;

    public static void Map(IEndpointRouteBuilder api)
    {
        var auth = api.MapGroup("/auth").WithTags("Auth");
        auth.MapPost("/login", LoginAsync).AllowAnonymous().RequireRateLimiting(AuthServiceExtensions.AuthRateLimit)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        auth.MapPost("/logout", LogoutAsync);
        auth.MapGet("/me", MeAsync);
    }

    public static async Task<Results<Ok<MeResponse>, ValidationProblem, ProblemHttpResult>> LoginAsync(
        LoginRequest request, HttpContext context, LoginService logins, PortalDbContext db, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        errors.AddIf("username", Required(request.Username));
        errors.AddIf("password", Required(request.Password));
        if (errors.HasErrors)
        {
            return errors.ToResult();
        }

        var address = context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        var outcome = await logins.LoginAsync(request.Username!, request.Password!, address, cancellationToken);
        if (outcome.RetryAfter is { } wait)
        {
            context.Response.Headers.RetryAfter = LoginService.Seconds(wait).ToString(CultureInfo.InvariantCulture);
            return TypedResults.Problem("Too many failed logins; try again later.", statusCode: StatusCodes.Status429TooManyRequests,
                title: "Too many requests");
        }

        if (outcome.User is not { } user)
        {
            return Problems.Unauthorized("Invalid username or password.");
        }

        await context.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme,
            PortalClaims.CreatePrincipal(user, CookieAuthenticationDefaults.AuthenticationScheme));
        return TypedResults.Ok(await LoadMeAsync(db, user.Id, cancellationToken));
    }

    public static async Task<NoContent> LogoutAsync(HttpContext context, IAuditLog audit, CancellationToken cancellationToken)
    {
        await audit.RecordAsync(new AuditRecord(AuditActions.Logout, AuditTargets.User,
            context.User.GetUserId().ToString(CultureInfo.InvariantCulture)), cancellationToken);
        await context.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        return TypedResults.NoContent();
    }

    public static async Task<Ok<MeResponse>> MeAsync(HttpContext context, PortalDbContext db, CancellationToken cancellationToken) =>
        TypedResults.Ok(await LoadMeAsync(db, context.User.GetUserId(), cancellationToken));

    private static async Task<MeResponse> LoadMeAsync(PortalDbContext db, int userId, CancellationToken cancellationToken)
    {
        var user = await db.Users.AsNoTracking()
            .Include(u => u.Vendor)
            .Include(u => u.Memberships).ThenInclude(m => m.Team)
            .SingleAsync(u => u.Id == userId, cancellationToken);
        var roles = new List<string>();
        if (user.IsAdmin)
        {
            roles.Add(PortalRoles.Admin);
        }

        if (user.Vendor is not null)
        {
            roles.Add(PortalRoles.Vendor);
        }

        if (user.Memberships.Count > 0)
        {
            roles.Add(PortalRoles.TeamMember);
        }

        return new MeResponse(user.Id, user.Username, user.DisplayName, roles,
            user.Vendor is null ? null : ContractMapping.From(user.Vendor),
            [.. user.Memberships.OrderBy(m => m.Team!.Name, StringComparer.OrdinalIgnoreCase).Select(m => new UserTeamResponse(m.TeamId, m.Team!.Name, PortalClaims.RoleName(m.Role)))]);
    }

    private static string? Required(string? value) =>
        string.IsNullOrEmpty(value) ? "is required." : value.Length > MaxCredentialLength ? $"must be at most {MaxCredentialLength} characters long." : null;
}
