using System.Net;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Portal.Client.Pages;
using Portal.Client.Services;
using Portal.Client.Tests.TestSupport;

namespace Portal.Client.Tests.Pages;

public sealed class LoginTests : MudTestContext
{
    private const string Me = """{"id":1,"username":"tess","displayName":null,"roles":["member"],"vendor":null,"teams":[]}""";

    private readonly StubHttpHandler _server = new StubHttpHandler()
        .Answer("GET /api/v1/setup", HttpStatusCode.OK, """{"required":false}""");

    public LoginTests()
    {
        Services.AddScoped(_ => _server.Client());
        Services.AddScoped<PortalApi>();
        Services.AddScoped<SessionState>();
    }

    [Fact]
    public void A_refused_login_shows_the_servers_message_and_stays()
    {
        _server.Answer("POST /api/v1/auth/login", HttpStatusCode.Unauthorized, """{"title":"Login failed","detail":"Wrong username or password."}""");
        var page = Render<Login>();

        page.Find("input[autocomplete=username]").Change("tess");
        page.Find("input[type=password]").Change("wrong password");
        page.Find("form").Submit();

        page.WaitForAssertion(() => Assert.Contains("Wrong username or password.", page.Find("[role=alert]").TextContent, StringComparison.Ordinal));
        Assert.EndsWith("/", Services.GetRequiredService<NavigationManager>().Uri, StringComparison.Ordinal);
    }

    [Fact]
    public void A_successful_login_goes_back_to_the_page_asked_for()
    {
        _server.Answer("POST /api/v1/auth/login", HttpStatusCode.OK, Me);
        var navigation = Services.GetRequiredService<NavigationManager>();
        navigation.NavigateTo("login?returnUrl=%2Fdeployments");
        var page = Render<Login>();

        page.Find("input[autocomplete=username]").Change("tess");
        page.Find("input[type=password]").Change("correct horse battery staple");
        page.Find("form").Submit();

        page.WaitForAssertion(() => Assert.Equal("http://localhost/deployments", navigation.Uri));
        Assert.Contains(_server.Requests, r => r.Key == "POST /api/v1/auth/login" && r.Body!.Contains("\"username\":\"tess\"", StringComparison.Ordinal));
    }

    [Fact]
    public void The_first_run_hint_appears_while_setup_is_required()
    {
        _server.Answer("GET /api/v1/setup", HttpStatusCode.OK, """{"required":true}""");

        var page = Render<Login>();

        page.WaitForAssertion(() => Assert.Equal("setup", page.Find("a[href=setup]").GetAttribute("href")));
    }

    [Theory]
    [InlineData("/deployments", "/deployments")]
    [InlineData("/catalogue/3?x=1", "/catalogue/3?x=1")]
    [InlineData("//evil.example/steal", "/")]
    [InlineData("/\\evil.example", "/")]
    [InlineData("https://evil.example/", "/")]
    [InlineData(null, "/")]
    public void Only_a_path_of_this_app_is_a_return_address(string? asked, string expected) =>
        Assert.Equal(expected, Login.LocalReturnUrl(asked));
}
