using Portal.Server.Catalogues.Manifests;

namespace Portal.Server.Tests.Catalogues;

/// <summary>x-appliance.screenshots: paths in the bundle with optional captions, at most eight.</summary>
public sealed class ApplianceScreenshotParserTests
{
    [Fact]
    public void Screenshots_are_paths_or_a_path_with_a_caption_kept_in_manifest_order()
    {
        var m = ManifestYaml.Valid(appliance: """
            screenshots:
              - shots/board.png
              - {path: shots/editor.webp, caption: "  The editor, with a note open  "}
            """);

        Assert.Equal([new ApplianceScreenshot("shots/board.png"), new ApplianceScreenshot("shots/editor.webp", "The editor, with a note open")],
            m.Appliance.Screenshots);
        Assert.Equal("Notes screenshot 1", ApplianceScreenshot.AltText(m.Appliance.Screenshots![0].Caption, "Notes", 0));
        Assert.Equal("The editor, with a note open", ApplianceScreenshot.AltText(m.Appliance.Screenshots[1].Caption, "Notes", 1));
    }

    [Fact]
    public void Every_bad_screenshot_entry_is_reported_at_its_item()
    {
        var result = ManifestYaml.Parse(appliance: $$"""
            screenshots:
              - /etc/shadow
              - {caption: no path}
              - {path: ../up.png, alt: x}
              - {path: a.png, caption: "{{new string('x', 201)}}"}
              - {path: b.png, caption: "two\nlines"}
              - {path: c.png, caption: "  "}
              - 12
              - d.png
              - e.png
            """);

        Assert.Equal(
            ["x-appliance.screenshots: 9 screenshots; at most 8 are allowed",
             "x-appliance.screenshots[0]: \"/etc/shadow\" must be a relative path inside the bundle (no leading /, no ..)",
             "x-appliance.screenshots[1].path: missing",
             "x-appliance.screenshots[2].path: \"../up.png\" must be a relative path inside the bundle (no leading /, no ..)",
             "x-appliance.screenshots[2].alt: unknown key",
             "x-appliance.screenshots[3].caption: 201 characters; a caption has at most 200",
             "x-appliance.screenshots[4].caption: must be one line of text (no line breaks or control characters)",
             "x-appliance.screenshots[5].caption: must not be empty"],
            result.Problems.Select(p => p.Path + ": " + StripPosition(p.Message)));
    }

    [Fact]
    public void Screenshots_must_be_a_list()
    {
        var problem = ManifestYaml.Single(appliance: "screenshots: shot.png");

        Assert.Equal("x-appliance.screenshots", problem.Path);
        Assert.StartsWith("expected a list", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_manifest_without_screenshots_is_stored_as_before_the_field_existed_and_one_with_them_round_trips()
    {
        var without = ApplianceManifestJson.Serialize(ManifestYaml.Valid());
        var with = ManifestYaml.Valid(appliance: "screenshots: [{path: a.png, caption: Board}]");

        Assert.DoesNotContain("screenshots", without, StringComparison.Ordinal);
        Assert.Null(ApplianceManifestJson.Deserialize(without).Appliance.Screenshots);
        Assert.Equal([new ApplianceScreenshot("a.png", "Board")], ApplianceManifestJson.Deserialize(ApplianceManifestJson.Serialize(with)).Appliance.Screenshots);
    }

    private static string StripPosition(string message) =>
        System.Text.RegularExpressions.Regex.Replace(message, @" \(line \d+, column \d+\)$", "");
}
