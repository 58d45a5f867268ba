using Bunit;
using Portal.Client.Components.Vendor;
using Portal.Client.Tests.TestSupport;

namespace Portal.Client.Tests.Vendor;

public sealed class VendorCatalogueListTests : MudTestContext
{
    [Fact]
    public void Lists_each_appliance_version_with_its_deployment_count()
    {
        static CatalogueApplianceVersionResponse Version(string title, string version, int deployments) =>
            new(1, "com.acme." + title, title, new ApplianceVersionResponse(1, version, null, false, "", DateTimeOffset.UnixEpoch, deployments));
        var catalogues = new[]
        {
            new CatalogueResponse(2, 1, "acme", "2", DateTimeOffset.UnixEpoch, "Active", [Version("Notes", "2.0.0", 3), Version("Wiki", "1.1.0", 0)], 3),
            new CatalogueResponse(1, 1, "acme", "1", DateTimeOffset.UnixEpoch, "Active", [Version("Notes", "1.0.0", 1)], 1),
        };

        var list = Render<VendorCatalogueList>(p => p.Add(l => l.Catalogues, catalogues));

        var rows = list.FindAll("tbody tr").Select(r => r.QuerySelectorAll("td").TakeLast(3).Select(td => td.TextContent).ToArray()).ToList();
        Assert.Equal([["Notes", "2.0.0", "3"], ["Wiki", "1.1.0", "0"], ["Notes", "1.0.0", "1"]], rows);
        Assert.Equal("2", list.FindAll("tbody tr")[0].QuerySelector("td")!.GetAttribute("rowspan"));
        Assert.Contains("No catalogue uploaded yet.", Render<VendorCatalogueList>(p => p.Add(l => l.Catalogues, [])).Markup, StringComparison.Ordinal);
    }
}
