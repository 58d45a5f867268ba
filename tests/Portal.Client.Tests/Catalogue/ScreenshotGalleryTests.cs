using Bunit;
using Microsoft.AspNetCore.Components.Web;
using Portal.Client.Components.Catalogue;
using Portal.Client.Pages;
using Portal.Client.Tests.TestSupport;
using static Portal.Client.Tests.Catalogue.Controls;

namespace Portal.Client.Tests.Catalogue;

/// <summary>The appliance page's screenshots: thumbnails named by their captions, a large view moved by buttons and keys, nothing when there are none.</summary>
public sealed class ScreenshotGalleryTests : MudTestContext
{
    private static readonly ApplianceScreenshotResponse[] Shots =
    [
        new(0, "/api/v1/appliance-versions/7/screenshots/0", "The board with three notes", "image/png"),
        new(1, "/api/v1/appliance-versions/7/screenshots/1", "Notes screenshot 2", "image/png"),
        new(2, "/api/v1/appliance-versions/7/screenshots/2", "The <b>editor</b>", "image/webp"),
    ];

    private readonly FakeHttpHandler _api;

    public ScreenshotGalleryTests() => _api = Services.AddFakeApi();

    [Fact]
    public void The_page_shows_the_selected_versions_screenshots_as_thumbnails_with_their_captions_as_alt_text()
    {
        ServeNotes(Settings.Version() with { Screenshots = Shots });

        var page = Render<ApplianceDetails>(p => p.Add(d => d.Id, 3));

        page.WaitForAssertion(() => Assert.Equal(3, page.FindAll(".portal-screenshot-thumb img").Count));
        Assert.Equal("Screenshots", page.Find("#screenshots-heading").TextContent.Trim());
        var images = page.FindAll(".portal-screenshot-thumb img");
        Assert.Equal(Shots.Select(s => s.Caption), images.Select(i => i.GetAttribute("alt")));
        Assert.Equal(Shots.Select(s => s.Url.TrimStart('/')), images.Select(i => i.GetAttribute("src")));
        Button(page, "Enlarge: The board with three notes");
        Button(page, "Enlarge: The <b>editor</b>");
        Assert.Empty(page.FindAll("section b"));
    }

    [Fact]
    public void A_version_without_screenshots_shows_no_gallery()
    {
        ServeNotes(Settings.Version());

        var page = Render<ApplianceDetails>(p => p.Add(d => d.Id, 3));

        page.WaitForAssertion(() => Assert.Contains("NET_BIND_SERVICE", page.Markup, StringComparison.Ordinal));
        Assert.Empty(page.FindAll("#screenshots-heading"));
        Assert.Empty(page.FindAll(".portal-screenshot-thumb"));
    }

    [Fact]
    public async Task A_thumbnail_opens_the_large_view_where_buttons_and_arrow_keys_move_and_close_closes()
    {
        var providers = Render<MudBlazor.MudDialogProvider>();
        Render<MudBlazor.MudPopoverProvider>();
        var gallery = Render<ScreenshotGallery>(p => p.Add(g => g.Screenshots, Shots));

        await Button(gallery, "Enlarge: Notes screenshot 2").ClickAsync(new MouseEventArgs());

        providers.WaitForAssertion(() => Assert.Equal("Notes screenshot 2", LargeImage(providers).GetAttribute("alt")));
        Assert.Equal("Screenshot 2 of 3", providers.Find(".mud-dialog-title h2").TextContent.Trim());
        Assert.Equal("api/v1/appliance-versions/7/screenshots/1", LargeImage(providers).GetAttribute("src"));

        await Button(providers, "Next screenshot").ClickAsync(new MouseEventArgs());
        providers.WaitForAssertion(() => Assert.Equal("The <b>editor</b>", LargeImage(providers).GetAttribute("alt")));
        Assert.Equal("The <b>editor</b>", providers.Find("figcaption").TextContent.Trim());

        await providers.Find(".portal-screenshot-frame").KeyDownAsync(new KeyboardEventArgs { Key = "ArrowRight" });
        providers.WaitForAssertion(() => Assert.Equal("The board with three notes", LargeImage(providers).GetAttribute("alt")));

        await providers.Find(".portal-screenshot-frame").KeyDownAsync(new KeyboardEventArgs { Key = "ArrowLeft" });
        providers.WaitForAssertion(() => Assert.Equal("The <b>editor</b>", LargeImage(providers).GetAttribute("alt")));

        await Button(providers, "Previous screenshot").ClickAsync(new MouseEventArgs());
        providers.WaitForAssertion(() => Assert.Equal("Notes screenshot 2", LargeImage(providers).GetAttribute("alt")));

        await Button(providers, "Close").ClickAsync(new MouseEventArgs());
        providers.WaitForAssertion(() => Assert.Empty(providers.FindAll(".portal-screenshot-frame")));
    }

    [Fact]
    public void The_pager_wraps_around_and_answers_arrows_home_and_end_only()
    {
        var pager = new ScreenshotPager(3, start: 2);
        Assert.Equal("3 of 3", pager.Position);

        pager.Next();
        Assert.Equal(0, pager.Index);
        pager.Previous();
        Assert.Equal(2, pager.Index);
        Assert.True(pager.Handle("Home"));
        Assert.Equal(0, pager.Index);
        Assert.True(pager.Handle("ArrowLeft"));
        Assert.Equal(2, pager.Index);
        Assert.True(pager.Handle("End"));
        Assert.True(pager.Handle("ArrowRight"));
        Assert.Equal(0, pager.Index);
        Assert.False(pager.Handle("Enter"));
        Assert.Equal(0, pager.Index);
        Assert.Equal(1, new ScreenshotPager(2, start: 9).Index);
        Assert.Throws<ArgumentOutOfRangeException>(() => new ScreenshotPager(0));
    }

    private static AngleSharp.Dom.IElement LargeImage<T>(IRenderedComponent<T> providers) where T : Microsoft.AspNetCore.Components.IComponent =>
        providers.Find(".portal-screenshot-frame img");

    private void ServeNotes(ApplianceVersionDetailResponse version)
    {
        _api.OnGet("/api/v1/appliances/3", new ApplianceResponse(3, "com.example.notes", "Notes", "Shared notes", "Keeps notes.", "Productivity", "Acme",
            [new ApplianceVersionResponse(7, "1.2.0", "Adds a dark theme.", false, "/api/v1/appliance-versions/7/icon", DateTimeOffset.UnixEpoch, 0)]));
        _api.OnGet("/api/v1/appliance-versions/7", version);
    }
}
