using System.Net;
using System.Web;
using Bunit;
using CataloguePage = Portal.Client.Pages.Catalogue;
using Portal.Client.Tests.TestSupport;
using static Portal.Client.Tests.Catalogue.Controls;

namespace Portal.Client.Tests.Catalogue;

/// <summary>/catalogue against a fake server that filters as the real one does.</summary>
public sealed class CataloguePageTests : MudTestContext
{
    private static readonly ApplianceResponse Notes = Appliance(1, "Notes", "Write things down", "productivity", hasIcon: true);
    private static readonly ApplianceResponse Site = Appliance(2, "Site", "A static web site", "web", hasIcon: false);
    private readonly FakeHttpHandler _api;

    public CataloguePageTests()
    {
        _api = Services.AddFakeApi();
        _api.OnGet("/api/v1/categories", new List<string> { "productivity", "web" });
        _api.On(HttpMethod.Get, "/api/v1/appliances", request =>
        {
            var query = HttpUtility.ParseQueryString(request.RequestUri!.Query);
            var found = new[] { Notes, Site }
                .Where(a => query["category"] is not { } c || a.Category == c)
                .Where(a => query["search"] is not { } s || a.Title.Contains(s, StringComparison.OrdinalIgnoreCase) || a.Tagline!.Contains(s, StringComparison.OrdinalIgnoreCase))
                .ToList();
            return FakeHttpHandler.Json(found);
        });
    }

    [Fact]
    public void Cards_show_icon_title_tagline_vendor_and_latest_version()
    {
        var page = Render<CataloguePage>(p => p.Add(c => c.DebounceMilliseconds, 0));

        page.WaitForAssertion(() => Assert.Equal(["Notes", "Site"], Titles(page)));
        var icon = page.Find("img[alt='Notes icon']");
        Assert.Equal("api/v1/appliance-versions/12/icon", icon.GetAttribute("src"));
        Assert.Equal("Site icon", page.Find("[aria-label='Site icon']").GetAttribute("aria-label"));
        Assert.Contains("Write things down", page.Markup, StringComparison.Ordinal);
        Assert.Contains("by Acme", page.Markup, StringComparison.Ordinal);
        Assert.Contains("Version 2.0.0", page.Markup, StringComparison.Ordinal);
        Assert.DoesNotContain("Version 1.0.0", page.Markup, StringComparison.Ordinal);
        Assert.Equal("catalogue/1", Button(page, "Details of Notes").GetAttribute("href"));
        Button(page, "Deploy Notes 2.0.0");
    }

    [Fact]
    public void Searching_and_choosing_a_category_ask_the_server_and_show_only_what_matches()
    {
        var page = Render<CataloguePage>(p => p.Add(c => c.DebounceMilliseconds, 0));
        page.WaitForAssertion(() => Assert.Equal(2, Titles(page).Count));

        Labelled(page, "Search appliances").Input("static");
        page.WaitForAssertion(() => Assert.Equal(["Site"], Titles(page)));
        Assert.Contains(_api.Requests, r => r.PathAndQuery == "/api/v1/appliances?search=static");

        Labelled(page, "Search appliances").Input("");
        page.WaitForAssertion(() => Assert.Equal(2, Titles(page).Count));
        page.FindAll("[aria-label='Categories'] .mud-chip").Single(c => c.TextContent.Contains("productivity", StringComparison.Ordinal)).Click();
        page.WaitForAssertion(() => Assert.Equal(["Notes"], Titles(page)));
        Assert.Contains(_api.Requests, r => r.PathAndQuery == "/api/v1/appliances?category=productivity");

        Labelled(page, "Search appliances").Input("static");
        page.WaitForAssertion(() => Assert.Contains("No appliance matches this search", page.Markup, StringComparison.Ordinal));
        Assert.Contains(_api.Requests, r => r.PathAndQuery == "/api/v1/appliances?search=static&category=productivity");
        Assert.Empty(Titles(page));
    }

    [Fact]
    public void An_empty_catalogue_and_a_refusal_are_said_in_words()
    {
        _api.OnGet("/api/v1/appliances", new List<ApplianceResponse>());
        var empty = Render<CataloguePage>();
        empty.WaitForAssertion(() => Assert.Contains("The catalogue is empty", empty.Markup, StringComparison.Ordinal));

        _api.On(HttpMethod.Get, "/api/v1/appliances", _ => FakeHttpHandler.Problem(HttpStatusCode.InternalServerError, "Internal server error", "Something went wrong on the server."));
        var failed = Render<CataloguePage>();
        failed.WaitForAssertion(() => Assert.Contains("The catalogue could not be loaded: Something went wrong on the server.", failed.Find(".mud-alert").TextContent, StringComparison.Ordinal));
        Assert.Empty(Titles(failed));
    }

    private static List<string> Titles(IRenderedComponent<CataloguePage> page) => [.. page.FindAll(".portal-appliance-card h2").Select(h => h.TextContent.Trim())];

    private static ApplianceResponse Appliance(int id, string title, string tagline, string category, bool hasIcon) => new(
        id, $"com.acme.{title.ToLowerInvariant()}", title, tagline, null, category, "Acme",
        [
            new ApplianceVersionResponse(id * 10 + 2, "2.0.0", null, hasIcon, $"/api/v1/appliance-versions/{id * 10 + 2}/icon", DateTimeOffset.UnixEpoch.AddDays(2), 0),
            new ApplianceVersionResponse(id * 10 + 1, "1.0.0", null, hasIcon, $"/api/v1/appliance-versions/{id * 10 + 1}/icon", DateTimeOffset.UnixEpoch.AddDays(1), 3),
        ]);
}
