using Bunit;
using Portal.Client.Components.Admin;
using Portal.Client.Tests.TestSupport;
using static Portal.Client.Tests.TestSupport.ClientFixtures;

namespace Portal.Client.Tests.Admin;

public sealed class DeploymentUsageTableTests : MudTestContext
{
    private static readonly DeploymentUsageResponse[] Items =
    [
        Usage("alpha", cpu: 20, memory: 300),
        Usage("bravo", cpu: 80, memory: 100),
        Usage("charlie", cpu: 5, memory: 900),
        Usage("delta", cpu: null),
    ];

    [Fact]
    public void Starts_with_the_busiest_cpu_first_and_sorts_by_cpu_and_memory_both_ways()
    {
        var table = Render<DeploymentUsageTable>(p => p.Add(t => t.Items, Items));

        Assert.Equal(["bravo", "alpha", "charlie", "delta"], Names(table));
        Assert.Equal("descending", Header(table, "Sort by CPU %").GetAttribute("aria-sort"));

        table.Find("button[aria-label='Sort by CPU %']").Click();
        Assert.Equal(["delta", "charlie", "alpha", "bravo"], Names(table));
        Assert.Equal("ascending", Header(table, "Sort by CPU %").GetAttribute("aria-sort"));

        table.Find("button[aria-label='Sort by Memory']").Click();
        Assert.Equal(["charlie", "alpha", "bravo", "delta"], Names(table));
        Assert.Equal("none", Header(table, "Sort by CPU %").GetAttribute("aria-sort"));

        table.Find("button[aria-label='Sort by Memory']").Click();
        Assert.Equal(["delta", "bravo", "alpha", "charlie"], Names(table));
    }

    [Fact]
    public void Shows_a_dash_for_a_deployment_without_a_sample_and_an_empty_message_without_deployments()
    {
        var table = Render<DeploymentUsageTable>(p => p.Add(t => t.Items, Items));
        var delta = table.FindAll("tbody tr").Single(r => r.QuerySelector("td")!.TextContent == "delta");
        Assert.Equal("–", delta.QuerySelectorAll("td")[4].TextContent);

        var empty = Render<DeploymentUsageTable>(p => p.Add(t => t.Items, []));
        Assert.Contains("No deployments yet.", empty.Markup, StringComparison.Ordinal);
        Assert.Empty(empty.FindAll("table"));
    }

    private static List<string> Names(IRenderedComponent<DeploymentUsageTable> table) =>
        [.. table.FindAll("tbody tr").Select(r => r.QuerySelector("td")!.TextContent)];

    private static AngleSharp.Dom.IElement Header(IRenderedComponent<DeploymentUsageTable> table, string label) =>
        table.Find($"button[aria-label='{label}']").Closest("th")!;
}
