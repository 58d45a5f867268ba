using Bunit;
using Portal.Client.Components.Vendor;
using Portal.Client.Tests.TestSupport;

namespace Portal.Client.Tests.Vendor;

public sealed class UploadReportTests : MudTestContext
{
    private static readonly UploadProblem[] Problems =
    [
        Problem("appliances[10].x-appliance.id", "must be reverse-DNS", 3, 7),
        Problem("appliances[1].x-appliance.webUi.port", "must be 1-65535", 12, 5),
        Problem("catalogue.yaml", "version is required", 1, 1),
        Problem("appliances[1].image", "image not in the bundle", null, null),
        Problem("appliances[0].services", "exactly one service", 4, null),
        Problem("appliances[1].x-appliance.config", "unknown type \"<script>\"", 20, 3),
    ];

    [Fact]
    public void Groups_problems_by_appliance_index_numerically_with_the_bundles_own_first_each_in_path_order()
    {
        var report = UploadReport.From(Refused("Invalid", Problems));

        Assert.Equal([null, 0, 1, 10], report.Groups.Select(g => g.ApplianceIndex));
        Assert.Equal("Catalogue and bundle", report.Groups[0].Title);
        Assert.Equal("Appliance 2 (appliances[1])", report.Groups[2].Title);
        Assert.Equal(["appliances[1].image", "appliances[1].x-appliance.config", "appliances[1].x-appliance.webUi.port"], report.Groups[2].Problems.Select(p => p.Path));
        Assert.Equal(6, report.ProblemCount);
        Assert.False(report.Succeeded);
    }

    [Theory]
    [InlineData("appliances[3].x", 3)]
    [InlineData("appliances[12]", 12)]
    [InlineData("catalogue.yaml", null)]
    [InlineData("bundle/appliances[1].x", null)]
    [InlineData("appliances[x].y", null)]
    public void Appliance_index_comes_only_from_a_leading_appliances_subscript(string path, int? index) =>
        Assert.Equal(index, UploadReport.ApplianceIndex(path));

    [Fact]
    public void The_view_lists_every_problem_with_its_path_message_and_position_under_its_appliance_as_text()
    {
        var view = Render<UploadReportView>(p => p.Add(v => v.Report, UploadReport.From(Refused("Invalid", Problems))));

        Assert.Equal(["Catalogue and bundle", "Appliance 1 (appliances[0])", "Appliance 2 (appliances[1])", "Appliance 11 (appliances[10])"],
            view.FindAll("h3").Select(h => h.TextContent));
        var tables = view.FindAll(".upload-problems");
        Assert.Equal([1, 1, 3, 1], tables.Select(t => t.QuerySelectorAll("tbody tr").Length));
        var rows = view.FindAll(".upload-problems tbody tr")
            .Select(r => (r.QuerySelector(".problem-path")!.TextContent, r.QuerySelector(".problem-message")!.TextContent, r.QuerySelector(".problem-position")!.TextContent))
            .ToList();
        Assert.Equal(Problems.Length, rows.Count);
        foreach (var problem in Problems)
        {
            Assert.Contains((problem.Path, problem.Message, UploadReport.Position(problem)), rows);
        }

        Assert.Contains(("appliances[1].x-appliance.webUi.port", "must be 1-65535", "12:5"), rows);
        Assert.Contains(("appliances[0].services", "exactly one service", "4"), rows);
        Assert.Empty(view.FindAll("script"));
        Assert.Contains("6 problem(s)", view.Find(".mud-alert").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void An_existing_version_says_so_and_an_import_lists_the_versions_added()
    {
        var exists = Render<UploadReportView>(p => p.Add(v => v.Report, UploadReport.From(Refused("VersionExists", [Problem("catalogue.yaml.version", "2 exists", 2, 10)]))));
        var imported = Render<UploadReportView>(p => p.Add(v => v.Report, UploadReport.From(new CatalogueUploadResponse(
            "Imported", 7, "acme", "3", [new ImportedVersion("com.acme.notes", "2.0.0", "acme/notes:2.0.0", "sha256:aa")], [], []))));

        Assert.Contains("Catalogue version 3 already exists", exists.Find(".mud-alert").TextContent, StringComparison.Ordinal);
        Assert.Contains("catalogue.yaml.version", exists.Find(".problem-path").TextContent, StringComparison.Ordinal);
        Assert.Contains("1 version(s) added", imported.Find(".mud-alert").TextContent, StringComparison.Ordinal);
        Assert.Equal(["com.acme.notes", "2.0.0", "acme/notes:2.0.0"], imported.FindAll("table").Single(t => t.QuerySelector("caption")?.TextContent == "Added versions")
            .QuerySelectorAll("tbody td").Select(td => td.TextContent));
    }

    private static CatalogueUploadResponse Refused(string status, IReadOnlyList<UploadProblem> problems) =>
        new(status, null, "acme", "3", [], [], problems);

    private static UploadProblem Problem(string path, string message, int? line, int? column) =>
        new(path, message, line, column, $"{path}: {message}");
}
