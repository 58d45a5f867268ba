using System.Text;
using Microsoft.EntityFrameworkCore;
using Portal.Server.Catalogues.Bundles;

namespace Portal.Server.Tests.Catalogues.Bundles;

/// <summary>x-appliance.screenshots in a bundle: checked by content and size, stored per version, refused all or nothing.</summary>
public sealed class ScreenshotImportTests
{
    private static readonly byte[] Png = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3, 4];
    private static readonly byte[] Jpeg = [0xff, 0xd8, 0xff, 0xe0, 0, 0x10, (byte)'J', (byte)'F', (byte)'I', (byte)'F', 0, 1];
    private static readonly byte[] WebP = [.. "RIFF"u8, 4, 0, 0, 0, .. "WEBPVP8 "u8];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private const string ThreeShots = """
          screenshots:
            - shots/board.png
            - {path: shots/photo.jpg, caption: A photo of the board}
            - {path: shots/editor.webp, caption: The editor}
        """;

    [Fact]
    public async Task Png_jpeg_and_webp_screenshots_are_stored_in_order_with_their_type_and_caption_and_go_with_their_catalogue()
    {
        await using var harness = await CatalogueHarness.CreateAsync();
        var vendor = await harness.AddVendorAsync();

        var result = await harness.UploadAsync(vendor, new BundleBuilder()
            .Catalogue("1.0.0", BundleBuilder.Vendor, "notes", "wiki")
            .Appliance("notes", manifestExtra: ThreeShots)
            .File("notes/shots/board.png", Png).File("notes/shots/photo.jpg", Jpeg).File("notes/shots/editor.webp", WebP)
            .Appliance("wiki", id: "com.example.wiki")
            .TarGz());

        Assert.True(result.Succeeded, string.Join("\n", result.Problems));
        await using var db = await harness.DbFactory.CreateDbContextAsync(Ct);
        var shots = await db.ApplianceVersionScreenshots.OrderBy(s => s.Position).ToListAsync(Ct);
        var notes = await db.ApplianceVersions.SingleAsync(v => v.Appliance!.StableId == "com.example.notes", Ct);
        Assert.All(shots, s => Assert.Equal(notes.Id, s.ApplianceVersionId));
        Assert.Equal([(0, "image/png", null), (1, "image/jpeg", "A photo of the board"), (2, "image/webp", "The editor")],
            shots.Select(s => (s.Position, s.MediaType, s.Caption)));
        Assert.Equal([Png, Jpeg, WebP], shots.Select(s => s.Content));

        await db.Catalogues.Where(c => c.Id == result.CatalogueId).ExecuteDeleteAsync(Ct);

        Assert.Equal(0, await db.ApplianceVersions.CountAsync(Ct));
        Assert.Equal(0, await db.ApplianceVersionScreenshots.CountAsync(Ct));
    }

    [Fact]
    public async Task A_bundle_with_bad_screenshots_is_refused_whole_with_every_problem_at_its_item_and_nothing_changes()
    {
        await using var harness = await CatalogueHarness.CreateAsync(o => o.MaxScreenshotBytes = 1000);
        var vendor = await harness.AddVendorAsync();
        Assert.True((await harness.UploadAsync(vendor, new BundleBuilder().Catalogue("0.9.0", BundleBuilder.Vendor, "old")
            .Appliance("old", id: "com.example.old", manifestExtra: "  screenshots: [old.png]").File("old/old.png", Png).TarGz())).Succeeded);
        var before = await harness.StateAsync();
        await using (var db = await harness.DbFactory.CreateDbContextAsync(Ct))
        {
            Assert.Equal(1, await db.ApplianceVersionScreenshots.CountAsync(Ct));
        }

        var result = await harness.UploadAsync(vendor, new BundleBuilder()
            .Catalogue("1.0.0", BundleBuilder.Vendor, "good", "bad")
            .Appliance("good", id: "com.example.good", manifestExtra: "  screenshots: [a.png]").File("good/a.png", Png)
            .Appliance("bad", id: "com.example.bad", manifestExtra: """
                  screenshots:
                    - missing.png
                    - big.png
                    - {path: vector.svg, caption: A drawing}
                    - named.png
                    - tiny.png
                    - ok.jpg
                """)
            .File("bad/big.png", [.. Png, .. new byte[1000]])
            .File("bad/vector.svg", BundleBuilder.Svg)
            .File("bad/named.png", Encoding.ASCII.GetBytes("GIF89a is not a png whatever its name"))
            .File("bad/tiny.png", [0x89, (byte)'P'])
            .File("bad/ok.jpg", Jpeg)
            .TarGz());

        Assert.Equal(CatalogueImportStatus.Invalid, result.Status);
        Assert.Equal(
            ["appliances[1].x-appliance.screenshots[0]: 'bad/missing.png' is not in the bundle",
             "appliances[1].x-appliance.screenshots[1]: 'big.png' is 1012 bytes, over the 1000-byte cap for screenshots (Portal:Catalogues:MaxScreenshotBytes)",
             "appliances[1].x-appliance.screenshots[2]: 'vector.svg': not a png/jpeg/webp image (told by its first bytes; SVG is not accepted for screenshots)",
             "appliances[1].x-appliance.screenshots[3]: 'named.png': not a png/jpeg/webp image (told by its first bytes; SVG is not accepted for screenshots)",
             "appliances[1].x-appliance.screenshots[4]: 'tiny.png': not a png/jpeg/webp image (told by its first bytes; SVG is not accepted for screenshots)"],
            result.Problems.Select(p => p.ToString()));
        Assert.Equal(before, await harness.StateAsync());
        await using (var db = await harness.DbFactory.CreateDbContextAsync(Ct))
        {
            Assert.Equal(1, await db.ApplianceVersionScreenshots.CountAsync(Ct));
        }

        Assert.Empty(Directory.EnumerateFileSystemEntries(harness.Options.TempDirectory));
    }

    [Fact]
    public void Raster_types_are_told_by_their_first_bytes_and_icons_stay_png_jpeg_or_svg()
    {
        Assert.Equal("image/png", ImageSignature.RasterMediaType(Png));
        Assert.Equal("image/jpeg", ImageSignature.RasterMediaType(Jpeg));
        Assert.Equal("image/webp", ImageSignature.RasterMediaType(WebP));
        Assert.Null(ImageSignature.RasterMediaType([.. "RIFF"u8, 4, 0, 0, 0, .. "WAVEfmt "u8]));
        Assert.Null(ImageSignature.RasterMediaType("RIFF"u8));
        Assert.Null(ImageSignature.RasterMediaType([]));
        Assert.Equal("image/png", IconCheck.MediaType(Png, out _));
        Assert.Null(IconCheck.MediaType(WebP, out var problem));
        Assert.Equal("not an svg/png/jpeg image", problem);
    }
}
