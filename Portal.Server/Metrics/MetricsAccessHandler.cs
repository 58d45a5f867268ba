using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Portal.Server.Metrics;

/// <summary>
/// Grants /metrics to a request carrying <c>Authorization: Bearer &lt;Portal:Metrics:ScrapeToken&gt;</c> (compared
/// in constant time over SHA-256 digests, so neither content nor length leaks through timing), or to a user the
/// <see cref="MetricsAccess.AdminPolicy"/> accepts. Anything else fails: 401 without a session, 403 with a
/// non-admin one.
/// </summary>
public sealed class MetricsAccessHandler(IOptionsMonitor<MetricsOptions> options, IHttpContextAccessor http, IServiceProvider services)
    : AuthorizationHandler<MetricsAccessRequirement>
{
    private const string BearerPrefix = "Bearer ";

    protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, MetricsAccessRequirement requirement)
    {
        ArgumentNullException.ThrowIfNull(context);
        var request = (context.Resource as HttpContext ?? http.HttpContext)?.Request;
        if (request is not null && HasScrapeToken(request.Headers[HeaderNames.Authorization].ToString(), options.CurrentValue.ScrapeToken))
        {
            context.Succeed(requirement);
            return;
        }

        // Resolved here rather than injected: IAuthorizationService depends on the handlers, this one included.
        var authorization = services.GetRequiredService<IAuthorizationService>();
        if ((await authorization.AuthorizeAsync(context.User, MetricsAccess.AdminPolicy).ConfigureAwait(false)).Succeeded)
        {
            context.Succeed(requirement);
        }
    }

    public static bool HasScrapeToken(string authorization, string configured)
    {
        ArgumentNullException.ThrowIfNull(authorization);
        if (string.IsNullOrEmpty(configured) || !authorization.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var presented = SHA256.HashData(Encoding.UTF8.GetBytes(authorization[BearerPrefix.Length..].Trim()));
        var expected = SHA256.HashData(Encoding.UTF8.GetBytes(configured));
        return CryptographicOperations.FixedTimeEquals(presented, expected);
    }
}
