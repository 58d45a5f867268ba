using System.Net;
using Portal.Client.Services;
using Portal.Client.Tests.TestSupport;

namespace Portal.Client.Tests.Services;

/// <summary>Server refusals become readable messages, never raw bodies or stack traces.</summary>
public sealed class PortalApiTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_problem_becomes_an_exception_with_its_detail_and_a_validation_problem_lists_every_field()
    {
        var server = new FakeHttpHandler()
            .On(HttpMethod.Get, "/api/v1/teams/3", _ => FakeHttpHandler.Raw(HttpStatusCode.Forbidden,
                """{"title":"Forbidden","status":403,"detail":"Only members of team 3 or an admin may do this."}"""))
            .On(HttpMethod.Post, "/api/v1/users", _ => FakeHttpHandler.Raw(HttpStatusCode.BadRequest,
                """{"title":"One or more validation errors occurred.","status":400,"errors":{"username":["must not be empty"],"password":["is too short (12 characters at least)"]}}"""));
        var api = new PortalApi(server.Client());

        var denied = await Assert.ThrowsAsync<ApiException>(() => api.GetAsync<TeamResponse>("api/v1/teams/3", Ct));
        var invalid = await Assert.ThrowsAsync<ApiException>(() => api.PostAsync<UserResponse>("api/v1/users", new { }, Ct));

        Assert.Equal((HttpStatusCode.Forbidden, "Only members of team 3 or an admin may do this."), (denied.Status, denied.Message));
        Assert.Equal(["username: must not be empty", "password: is too short (12 characters at least)"], invalid.Errors);
        Assert.Equal("username: must not be empty\npassword: is too short (12 characters at least)", invalid.Message);
    }

    [Fact]
    public async Task A_body_that_is_not_json_still_gives_the_status_text()
    {
        var server = new FakeHttpHandler().On(HttpMethod.Get, "/api/v1/x", _ => FakeHttpHandler.Raw(HttpStatusCode.BadGateway, "<html>proxy error</html>", "text/html"));

        var error = await Assert.ThrowsAsync<ApiException>(() => new PortalApi(server.Client()).GetAsync<object>("api/v1/x", Ct));

        Assert.Equal("Bad Gateway", error.Message);
    }

    [Fact]
    public async Task A_read_whose_connection_fails_is_sent_once_more_and_a_write_is_not()
    {
        var reads = 0;
        var server = new FakeHttpHandler()
            .On(HttpMethod.Get, "/api/v1/teams", _ => ++reads == 1 ? throw new HttpRequestException("net::ERR_NETWORK_CHANGED") : FakeHttpHandler.Json(new[] { 1, 2 }))
            .On(HttpMethod.Post, "/api/v1/teams", _ => throw new HttpRequestException("net::ERR_NETWORK_CHANGED"));
        var api = new PortalApi(server.Client());

        var teams = await api.GetAsync<int[]>("api/v1/teams", Ct);
        var write = await Assert.ThrowsAsync<ApiException>(() => api.PostAsync("api/v1/teams", new { name = "Blue" }, Ct));

        Assert.Equal([1, 2], teams);
        Assert.Equal(2, reads);
        Assert.Equal((HttpStatusCode.ServiceUnavailable, "net::ERR_NETWORK_CHANGED"), (write.Status, write.Message));
        Assert.Single(server.Requests, r => r.Method == HttpMethod.Post);
    }

    [Fact]
    public async Task A_read_that_fails_twice_says_the_server_cannot_be_reached()
    {
        var server = new FakeHttpHandler().On(HttpMethod.Get, "/api/v1/teams", _ => throw new HttpRequestException("Connection refused"));

        var error = await Assert.ThrowsAsync<ApiException>(() => new PortalApi(server.Client()).GetAsync<int[]>("api/v1/teams", Ct));

        Assert.Equal((HttpStatusCode.ServiceUnavailable, "Connection refused"), (error.Status, error.Message));
        Assert.Equal(2, server.Requests.Count);
    }
}
