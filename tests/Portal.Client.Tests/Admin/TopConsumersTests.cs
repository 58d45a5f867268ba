using Bunit;
using Portal.Client.Components.Admin;
using Portal.Client.Tests.TestSupport;
using static Portal.Client.Tests.TestSupport.ClientFixtures;

namespace Portal.Client.Tests.Admin;

public sealed class TopConsumersTests : MudTestContext
{
    private static readonly DeploymentUsageResponse[] Items =
    [
        Usage("a", cpu: 10, memory: 700 << 20),
        Usage("b", cpu: 90, memory: 100 << 20),
        Usage("c", cpu: 30, memory: 600 << 20),
        Usage("d", cpu: 70, memory: 200 << 20),
        Usage("e", cpu: 50, memory: 500 << 20),
        Usage("f", cpu: 60, memory: 300 << 20),
        Usage("g", cpu: 20, memory: 400 << 20),
        Usage("idle", cpu: null),
    ];

    [Fact]
    public void Picks_the_five_highest_by_cpu_and_by_memory_in_order()
    {
        Assert.Equal(["b", "d", "f", "e", "c"], DeploymentUsageView.TopByCpu(Items).Select(d => d.Name));
        Assert.Equal(["a", "c", "e", "g", "f"], DeploymentUsageView.TopByMemory(Items).Select(d => d.Name));
    }

    [Fact]
    public void Lists_render_the_top_five_with_their_values_and_leave_out_deployments_without_samples()
    {
        var top = Render<TopConsumers>(p => p.Add(t => t.Items, Items));

        var cpu = top.Find("ol[aria-label='Top CPU consumers']").QuerySelectorAll("li").Select(li => li.TextContent).ToList();
        var memory = top.Find("ol[aria-label='Top memory consumers']").QuerySelectorAll("li").Select(li => li.TextContent).ToList();

        Assert.Equal(["blue / b: 90.0 %", "blue / d: 70.0 %", "blue / f: 60.0 %", "blue / e: 50.0 %", "blue / c: 30.0 %"], cpu);
        Assert.Equal(["blue / a: 700.0 MiB", "blue / c: 600.0 MiB", "blue / e: 500.0 MiB", "blue / g: 400.0 MiB", "blue / f: 300.0 MiB"], memory);
    }

    [Fact]
    public void Says_nothing_is_running_when_no_deployment_has_a_sample()
    {
        var top = Render<TopConsumers>(p => p.Add(t => t.Items, [Usage("idle", cpu: null)]));

        Assert.Empty(top.FindAll("ol"));
        Assert.Equal(2, top.FindAll("p").Count(p => p.TextContent == "Nothing is running."));
    }
}
