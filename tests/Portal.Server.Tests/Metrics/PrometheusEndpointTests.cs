using System.Net;
using System.Net.Http.Headers;
using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Portal.Server.Metrics;

namespace Portal.Server.Tests.Metrics;

public sealed class PrometheusEndpointTests : IAsyncLifetime
{
    private const string Token = "s3cret-scrape-token";
    private WebApplication _app = null!;
    private HttpClient _client = null!;

    public async ValueTask InitializeAsync()
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseTestServer();
        builder.Configuration["Portal:Metrics:ScrapeToken"] = Token;
        builder.Services.AddPortalMetrics();
        builder.Services.RemoveAll<IHostedService>();
        builder.Services.AddAuthentication(TestUserHandler.Name).AddScheme<AuthenticationSchemeOptions, TestUserHandler>(TestUserHandler.Name, null);
        builder.Services.AddAuthorizationBuilder().AddPolicy(MetricsAccess.AdminPolicy, p => p.RequireRole("admin"));
        _app = builder.Build();
        _app.UseAuthentication();
        _app.UseAuthorization();
        _app.MapPrometheusMetrics();
        var latest = _app.Services.GetRequiredService<LatestMetrics>();
        var snapshot = PrometheusExpositionTests.Snapshot();
        latest.Update(snapshot.Host, snapshot.Deployments);
        await _app.StartAsync(TestContext.Current.CancellationToken);
        _client = _app.GetTestClient();
    }

    public async ValueTask DisposeAsync()
    {
        _client.Dispose();
        await _app.DisposeAsync();
    }

    [Fact]
    public async Task Scrape_token_reads_the_exposition_as_text_version_0_0_4()
    {
        var response = await GetAsync(bearer: Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(response.Content.Headers.ContentType!.Parameters, p => p.Name == "version" && p.Value == "0.0.4");
        Assert.Contains("portal_host_cpu_percent 150.5\n", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Admin_session_reads_it_and_everyone_else_is_refused()
    {
        Assert.Equal(HttpStatusCode.OK, (await GetAsync(user: "admin")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await GetAsync()).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await GetAsync(bearer: Token + "x")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await GetAsync(bearer: "")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await GetAsync(user: "member")).StatusCode);
    }

    [Fact]
    public void Token_comparison_needs_the_bearer_scheme_and_a_configured_token()
    {
        Assert.True(MetricsAccessHandler.HasScrapeToken("Bearer abc", "abc"));
        Assert.True(MetricsAccessHandler.HasScrapeToken("bearer abc", "abc"));
        Assert.False(MetricsAccessHandler.HasScrapeToken("Basic abc", "abc"));
        Assert.False(MetricsAccessHandler.HasScrapeToken("Bearer ab", "abc"));
        Assert.False(MetricsAccessHandler.HasScrapeToken("Bearer ", ""));
    }

    private async Task<HttpResponseMessage> GetAsync(string? bearer = null, string? user = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        if (bearer is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }

        if (user is not null)
        {
            request.Headers.Add(TestUserHandler.Header, user);
        }

        return await _client.SendAsync(request, TestContext.Current.CancellationToken);
    }

    /// <summary>Stands in for the cookie session: X-Test-User names the role of the signed-in user.</summary>
    private sealed class TestUserHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
        : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
    {
        public const string Name = "Test";
        public const string Header = "X-Test-User";

        protected override Task<AuthenticateResult> HandleAuthenticateAsync()
        {
            if (!Request.Headers.TryGetValue(Header, out var role))
            {
                return Task.FromResult(AuthenticateResult.NoResult());
            }

            var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, "someone"), new Claim(ClaimTypes.Role, role.ToString())], Name);
            return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), Name)));
        }
    }
}
