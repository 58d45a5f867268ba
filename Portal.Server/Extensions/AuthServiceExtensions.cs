using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.RateLimiting;
using Portal.Data.Entities;
using Portal.Server.Security;

namespace Portal.Server.Extensions;

public static class AuthServiceExtensions
{
    /// <summary>The rate limiter policy on login and setup: requests per client address per minute.</summary>
    public const string AuthRateLimit = "portal:auth";

    /// <summary>Cookie sessions, the role policies, password hashing and login throttling (docs/security.md).</summary>
    public static IServiceCollection AddPortalAuth(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(PortalAuthOptions.Section).Get<PortalAuthOptions>() ?? new PortalAuthOptions();
        services.AddSingleton(options);
        services.AddSingleton<IPasswordHasher<User>, PasswordHasher<User>>();
        services.AddSingleton<Passwords>();
        services.AddSingleton<LoginThrottle>();
        services.AddScoped<LoginService>();

        services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme)
            .AddCookie(cookie =>
            {
                cookie.Cookie.Name = "portal.session";
                cookie.Cookie.HttpOnly = true;
                cookie.Cookie.SameSite = SameSiteMode.Strict;
                cookie.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                cookie.ExpireTimeSpan = options.SessionLifetime;
                cookie.SlidingExpiration = true;
                cookie.Events = new CookieAuthenticationEvents
                {
                    OnValidatePrincipal = SessionValidator.ValidateAsync,
                    // An API answers, it never redirects to a login page.
                    OnRedirectToLogin = context => ApiProblems.WriteAsync(context.HttpContext, StatusCodes.Status401Unauthorized,
                        "Authentication required", "Log in with POST /api/v1/auth/login first."),
                    OnRedirectToAccessDenied = context => ApiProblems.WriteAsync(context.HttpContext, StatusCodes.Status403Forbidden,
                        "Forbidden", "Your roles do not allow this."),
                };
            });

        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new Microsoft.AspNetCore.Authorization.AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
            .AddPolicy(PortalPolicies.Admin, policy => policy.RequireAuthenticatedUser().RequireRole(PortalRoles.Admin))
            .AddPolicy(PortalPolicies.Vendor, policy => policy.RequireAuthenticatedUser().RequireRole(PortalRoles.Vendor, PortalRoles.Admin));

        services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.AddPolicy(AuthRateLimit, context => RateLimitPartition.GetFixedWindowLimiter(
                context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = options.AuthRequestsPerMinutePerAddress,
                    Window = TimeSpan.FromMinutes(1),
                    QueueLimit = 0,
                }));
            limiter.OnRejected = (rejected, cancellationToken) =>
            {
                var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromMinutes(1);
                rejected.HttpContext.Response.Headers.RetryAfter = LoginService.Seconds(retryAfter).ToString(CultureInfo.InvariantCulture);
                return new ValueTask(ApiProblems.WriteAsync(rejected.HttpContext, StatusCodes.Status429TooManyRequests,
                    "Too many requests", "Too many login attempts from this address; try again later."));
            };
        });
        return services;
    }
}
