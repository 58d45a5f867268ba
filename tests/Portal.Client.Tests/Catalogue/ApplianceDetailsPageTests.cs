using System.Net;
using Bunit;
using Portal.Client.Pages;
using Portal.Client.Tests.TestSupport;
using static Portal.Client.Tests.Catalogue.Controls;

namespace Portal.Client.Tests.Catalogue;

public sealed class ApplianceDetailsPageTests : MudTestContext
{
    private readonly FakeHttpHandler _api;

    public ApplianceDetailsPageTests() => _api = Services.AddFakeApi();

    [Fact]
    public void The_page_shows_the_description_requirements_disclosure_and_each_version_with_its_notes_and_a_deploy_button()
    {
        _api.OnGet("/api/v1/appliances/3", new ApplianceResponse(3, "com.example.notes", "Notes", "Shared notes", "Keeps <b>notes</b>.", "Productivity", "Acme",
        [
            new ApplianceVersionResponse(7, "1.2.0", "Adds a dark theme.", true, "/api/v1/appliance-versions/7/icon", DateTimeOffset.UnixEpoch.AddDays(2), 1),
            new ApplianceVersionResponse(6, "1.1.0", "First release.", true, "/api/v1/appliance-versions/6/icon", DateTimeOffset.UnixEpoch.AddDays(1), 0),
        ]));
        _api.OnGet("/api/v1/appliance-versions/7", Settings.Version());

        var page = Render<ApplianceDetails>(p => p.Add(d => d.Id, 3));

        page.WaitForAssertion(() => Assert.Contains("NET_BIND_SERVICE", page.Markup, StringComparison.Ordinal));
        Assert.Equal("Notes", page.Find("h1").TextContent.Trim());
        Assert.Contains("Keeps &lt;b&gt;notes&lt;/b&gt;.", page.Markup, StringComparison.Ordinal);
        Assert.Equal("Notes icon", page.Find("img").GetAttribute("alt"));
        Assert.Contains("8080/tcp", page.Markup, StringComparison.Ordinal);
        Assert.Contains("notes:/srv/data", page.Markup, StringComparison.Ordinal);
        Assert.Contains("256 MiB", page.Markup, StringComparison.Ordinal);
        Assert.Contains("Admin e-mail (required)", page.Markup, StringComparison.Ordinal);
        Assert.Contains("Adds a dark theme.", page.Markup, StringComparison.Ordinal);
        Assert.Contains("First release.", page.Find("table[aria-label='Versions']").TextContent, StringComparison.Ordinal);
        Button(page, "Deploy version 1.2.0");
        Button(page, "Deploy version 1.1.0");
    }

    [Fact]
    public void An_unknown_appliance_is_said_in_words()
    {
        _api.On(HttpMethod.Get, "/api/v1/appliances/9", _ => FakeHttpHandler.Problem(HttpStatusCode.NotFound, "Not found", "No appliance with id 9."));

        var page = Render<ApplianceDetails>(p => p.Add(d => d.Id, 9));

        page.WaitForAssertion(() => Assert.Equal("No appliance with id 9.", page.Find(".mud-alert").TextContent.Trim()));
    }
}
