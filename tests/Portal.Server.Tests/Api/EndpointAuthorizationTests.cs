using System.Net;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Portal.Server.Tests.TestSupport;

namespace Portal.Server.Tests.Api;

/// <summary>Every endpoint needs a signed-in user except the few that must not; a new endpoint cannot forget it.</summary>
public sealed class EndpointAuthorizationTests
{
    private static readonly HashSet<string> Public = new(StringComparer.Ordinal)
    {
        "POST /api/v1/auth/login",
        "POST /api/v1/setup",
        "GET /api/v1/setup",
        // The web app's pages (index.html): public files, like the scripts they load.
        "GET {*path:nonfile:regex(^(?!api/|hubs/|openapi/).*$)}",
        "HEAD {*path:nonfile:regex(^(?!api/|hubs/|openapi/).*$)}",
        "GET /healthz",
        "GET /openapi/{documentName}.json",
    };

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Only_login_setup_health_openapi_and_the_web_app_are_public_and_everything_else_answers_401_anonymously()
    {
        await using var factory = new PortalApiFactory();
        var client = factory.CreateClient(new() { AllowAutoRedirect = false });
        var fallback = factory.Services.GetRequiredService<IOptions<AuthorizationOptions>>().Value.FallbackPolicy;
        Assert.NotNull(fallback);
        Assert.Contains(fallback.Requirements, r => r is Microsoft.AspNetCore.Authorization.Infrastructure.DenyAnonymousAuthorizationRequirement);

        var endpoints = factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().ToList();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var protectedCount = 0;
        foreach (var endpoint in endpoints)
        {
            var methods = endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"];
            foreach (var method in methods)
            {
                var key = $"{method} {endpoint.RoutePattern.RawText}";
                seen.Add(key);
                var anonymous = endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null;
                Assert.True(anonymous == Public.Contains(key), $"{key}: AllowAnonymous is {anonymous}");
                if (anonymous)
                {
                    continue;
                }

                using var request = new HttpRequestMessage(new HttpMethod(method), Fill(endpoint.RoutePattern.RawText!));
                var response = await client.SendAsync(request, Ct);
                Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{key}: anonymous call answered {(int)response.StatusCode}");
                protectedCount++;
            }
        }

        Assert.Superset(Public, seen);
        Assert.True(protectedCount >= 15, $"only {protectedCount} protected endpoints found");
    }

    private static string Fill(string pattern) =>
        System.Text.RegularExpressions.Regex.Replace(pattern, @"\{[^}]+\}", "1");
}
