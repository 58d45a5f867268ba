using System.Net;
using System.Text.Json;
using Portal.Server.Tests.TestSupport;

namespace Portal.Server.Tests.Api;

public sealed class OpenApiTests
{
    [Fact]
    public async Task The_openapi_document_is_public_and_lists_the_api()
    {
        await using var factory = new PortalApiFactory();
        var response = await factory.CreateClient().GetAsync("/openapi/v1.json", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        var paths = document.RootElement.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var expected in new[]
        {
            "/api/v1/auth/login", "/api/v1/auth/logout", "/api/v1/auth/me", "/api/v1/setup", "/api/v1/users", "/api/v1/users/{id}",
            "/api/v1/teams", "/api/v1/teams/{id}/quotas", "/api/v1/teams/{teamId}/members/{userId}", "/api/v1/vendors", "/api/v1/audit",
        })
        {
            Assert.True(paths.Contains(expected), $"{expected} missing from {string.Join(", ", paths)}");
        }

        Assert.DoesNotContain("/healthz", paths);
    }
}
