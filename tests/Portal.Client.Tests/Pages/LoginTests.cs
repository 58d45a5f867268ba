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

    private readonly FakeHttpHandler _server;
    private bool _setupRequired;

    public LoginTests()
    {
        _server = Services.AddFakeApi();
        _server.On(HttpMethod.Get, "/api/v1/setup", _ => FakeHttpHandler.Json(new SetupStatusResponse(_setupRequired)));
    }

    [Fact]
    public void A_refused_login_shows_the_servers_message_and_stays()
    {
        _server.On(HttpMethod.Post, "/api/v1/auth/login", _ => FakeHttpHandler.Raw(HttpStatusCode.Unauthorized, """{"title":"Login failed","detail":"Wrong username or password."}"""));
        var page = Render<Login>();

        page.Find("input[autocomplete=username]").Change("tess");
        page.Find("input[type=password]").Change("wrong password");
        page.Find("form").Submit();

        page.WaitForAssertion(() => Assert.Contains("Wrong username or password.", page.Find("[role=alert]").TextContent, StringComparison.Ordinal));
        Assert.EndsWith("/", Services.GetRequiredService<NavigationManager>().Uri, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_successful_login_goes_back_to_the_page_asked_for()
    {
        _server.On(HttpMethod.Post, "/api/v1/auth/login", _ => FakeHttpHandler.Raw(HttpStatusCode.OK, Me, "application/json"));
        var navigation = Services.GetRequiredService<NavigationManager>();
        navigation.NavigateTo("login?returnUrl=%2Fdeployments");
        var page = Render<Login>();

        await page.Find("input[autocomplete=username]").ChangeAsync(new ChangeEventArgs { Value = "tess" });
        await page.Find("input[type=password]").ChangeAsync(new ChangeEventArgs { Value = "correct horse battery staple" });
        await page.Find("form").SubmitAsync();

        page.WaitForAssertion(() => Assert.Equal("http://localhost/deployments", navigation.Uri));
        var login = Assert.Single(_server.Requests, r => r.Method == HttpMethod.Post);
        Assert.Contains("\"username\":\"tess\"", login.Body, StringComparison.Ordinal);
    }

    [Fact]
    public void The_first_run_hint_appears_while_setup_is_required()
    {
        _setupRequired = true;

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
