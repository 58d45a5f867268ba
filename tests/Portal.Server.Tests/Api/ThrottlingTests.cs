using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Mvc;
using Portal.Server.Tests.TestSupport;

namespace Portal.Server.Tests.Api;

public sealed class ThrottlingTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Five_failures_lock_a_known_and_an_unknown_username_alike()
    {
        await using var factory = new PortalApiFactory();
        var admin = await factory.CreateAdminClientAsync();
        await PortalApiFactory.CreateUserAsync(admin, "kim");
        var client = factory.CreateClient();

        var known = await FailFiveTimesAsync(client, "kim");
        var unknown = await FailFiveTimesAsync(client, "nobody-here");
        Assert.Equal(known, unknown);

        foreach (var username in new[] { "kim", "nobody-here" })
        {
            // Locked even with the right password.
            var locked = await client.PostAsJsonAsync("/api/v1/auth/login", new { username, password = PortalApiFactory.Password }, Ct);
            Assert.Equal(HttpStatusCode.TooManyRequests, locked.StatusCode);
            var retryAfter = locked.Headers.RetryAfter?.Delta;
            Assert.NotNull(retryAfter);
            Assert.InRange(retryAfter.Value.TotalSeconds, 1, 30);
            var problem = await PortalApiFactory.ReadAsync<ProblemDetails>(locked);
            Assert.Equal("Too many failed logins; try again later.", problem.Detail);
        }

        // Another user is not affected, and an admin's password reset lifts the lockout.
        var users = await admin.GetFromJsonAsync<List<UserResponse>>("/api/v1/users", PortalApiFactory.Json, Ct);
        var kim = users!.Single(u => u.Username == "kim");
        Assert.Equal(5, kim.FailedLoginCount);
        Assert.NotNull(kim.LockedOutUntil);
        await admin.PostAsJsonAsync($"/api/v1/users/{kim.Id}/password", new { password = PortalApiFactory.Password + "!" }, Ct);
        await factory.LoginClientAsync("kim", PortalApiFactory.Password + "!");
    }

    [Fact]
    public async Task Failures_from_one_address_lock_it_across_usernames()
    {
        await using var factory = new PortalApiFactory(("Portal:Auth:AddressLockoutThreshold", "3"));
        var admin = await factory.CreateAdminClientAsync();
        var client = factory.CreateClient();
        foreach (var username in new[] { "a1", "a2", "a3" })
        {
            var failed = await client.PostAsJsonAsync("/api/v1/auth/login", new { username, password = "wrong wrong wrong" }, Ct);
            Assert.Equal(HttpStatusCode.Unauthorized, failed.StatusCode);
        }

        var locked = await client.PostAsJsonAsync("/api/v1/auth/login", new { username = PortalApiFactory.AdminName, password = PortalApiFactory.Password }, Ct);
        Assert.Equal(HttpStatusCode.TooManyRequests, locked.StatusCode);
        Assert.NotNull(locked.Headers.RetryAfter);
    }

    [Fact]
    public async Task The_rate_limiter_caps_login_requests_per_address()
    {
        await using var factory = new PortalApiFactory(("Portal:Auth:AuthRequestsPerMinutePerAddress", "3"));
        var client = factory.CreateClient();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            var response = await client.PostAsJsonAsync("/api/v1/auth/login", new { username = "x" + i, password = "wrong wrong wrong" }, Ct);
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                Assert.NotNull(response.Headers.RetryAfter);
                Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            }
        }

        Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.TooManyRequests], statuses);
    }

    /// <summary>Five wrong passwords; returns the answers' status, title and detail, which must not depend on whether the user exists.</summary>
    private static async Task<List<string>> FailFiveTimesAsync(HttpClient client, string username)
    {
        var answers = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            var response = await client.PostAsJsonAsync("/api/v1/auth/login", new { username, password = "not the password " + i }, Ct);
            var problem = await PortalApiFactory.ReadAsync<ProblemDetails>(response);
            answers.Add($"{(int)response.StatusCode} {problem.Title} {problem.Detail}");
        }

        Assert.All(answers, a => Assert.StartsWith("401 ", a, StringComparison.Ordinal));
        return answers;
    }
}
