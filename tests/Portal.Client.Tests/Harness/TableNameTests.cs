using AngleSharp.Dom;
using Bunit;
using Portal.Client.Components.Admin;
using Portal.Client.Components.Vendor;
using Portal.Client.Contracts;
using Portal.Client.Tests.TestSupport;
using static Portal.Client.Tests.TestSupport.ClientFixtures;

namespace Portal.Client.Tests.Harness;

/// <summary>
/// MudSimpleTable puts its attributes (aria-label included) on its wrapper div, where a screen reader ignores them, so
/// each table names itself with a caption inside the &lt;table&gt; (visually hidden): role locators find it by that name.
/// </summary>
public sealed class TableNameTests : MudTestContext
{
    [Fact]
    public void The_upload_report_names_each_problem_table_and_the_added_versions()
    {
        var refused = Render<UploadReportView>(p => p.Add(v => v.Report, UploadReport.From(new CatalogueUploadResponse(
            "Invalid", null, "acme", "3", [], [], [new UploadProblem("appliances[0].x-appliance.webUi.port", "9090 is not exposed by the image", null, null, "appliances[0].x-appliance.webUi.port: 9090 is not exposed by the image")]))));
        var imported = Render<UploadReportView>(p => p.Add(v => v.Report, UploadReport.From(new CatalogueUploadResponse(
            "Imported", 7, "acme", "3", [new ImportedVersion("com.acme.notes", "2.0.0", "acme/notes:2.0.0", "sha256:aa")], [], []))));

        Assert.Equal(["Problems of Appliance 1 (appliances[0])"], TableNames(refused.Nodes));
        Assert.Equal(["Added versions"], TableNames(imported.Nodes));
    }

    [Fact]
    public void The_vendor_catalogue_list_and_the_deployment_usage_table_are_named()
    {
        var catalogues = Render<VendorCatalogueList>(p => p.Add(l => l.Catalogues,
            [new CatalogueResponse(1, 1, "acme", "1", DateTimeOffset.UnixEpoch, "Active", [], 0)]));
        var usage = Render<DeploymentUsageTable>(p => p.Add(t => t.Items, [Usage("alpha", cpu: 20)]));

        Assert.Equal(["Catalogue versions"], TableNames(catalogues.Nodes));
        Assert.Equal(["Deployments and their use"], TableNames(usage.Nodes));
    }

    /// <summary>The accessible name of every table: its caption, which must be the table's first child.</summary>
    private static List<string> TableNames(INodeList nodes) =>
        [.. nodes.QuerySelectorAll("table").Select(table => table.FirstElementChild is { LocalName: "caption" } caption
            ? caption.TextContent
            : $"<table without a caption first: {table.FirstElementChild?.LocalName}>")];
}
