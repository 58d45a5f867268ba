using Bunit;
using MudBlazor.Interop;
using Portal.Client.Components.Charts;
using Portal.Client.Tests.TestSupport;

namespace Portal.Client.Tests.Charts;

public sealed class MetricChartTests : MudTestContext
{
    private static readonly DateTimeOffset T0 = new(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);

    /// <summary>The size the browser reports for the chart's box (MudChart measures it to draw at that size).</summary>
    public MetricChartTests() =>
        JSInterop.Setup<ElementSize>("mudObserveElementSize", _ => true).SetResult(new ElementSize { Width = 480, Height = 220 });

    [Fact]
    public void A_chart_has_an_accessible_name_a_line_chart_and_a_text_summary()
    {
        var cut = Render<MetricChart>(p => p
            .Add(c => c.Title, "Memory")
            .Add(c => c.Kind, MetricKind.Memory)
            .Add(c => c.Points, [new MetricPoint(T0, 0, 1024 * 1024, 0, 0, 0, 0), new MetricPoint(T0.AddSeconds(1), 0, 3 * 1024 * 1024, 0, 0, 0, 0)]));

        Assert.Equal("Memory chart", cut.Find("figure").GetAttribute("aria-label"));
        Assert.Contains("(MiB)", cut.Find("figcaption").TextContent, StringComparison.Ordinal);
        Assert.Equal("Latest: memory 3 MiB.", cut.Find("[data-chart-summary]").TextContent);
        Assert.NotEmpty(cut.FindAll("svg path"));
    }

    [Fact]
    public void The_chart_is_drawn_at_the_size_of_its_box_so_its_labels_keep_their_size_in_a_narrow_column()
    {
        var cut = Render<MetricChart>(p => p
            .Add(c => c.Title, "CPU")
            .Add(c => c.Points, [new MetricPoint(T0, 0.5, 0, 0, 0, 0, 0), new MetricPoint(T0.AddSeconds(1), 0.25, 0, 0, 0, 0, 0)]));

        cut.WaitForAssertion(() => Assert.StartsWith("0 0 480 ", cut.Find("svg").GetAttribute("viewBox"), StringComparison.Ordinal));
    }

    [Fact]
    public void A_new_list_with_the_same_points_is_not_drawn_again_and_a_new_point_is()
    {
        MetricPoint[] points = [new(T0, 0.5, 0, 0, 0, 0, 0), new(T0.AddSeconds(1), 0.25, 0, 0, 0, 0, 0)];
        var cut = Render<MetricChart>(p => p.Add(c => c.Title, "CPU").Add(c => c.Points, [.. points]));
        var renders = cut.RenderCount;

        cut.Render(p => p.Add(c => c.Points, [.. points]));
        Assert.Equal(renders, cut.RenderCount);

        cut.Render(p => p.Add(c => c.Points, [.. points, new(T0.AddSeconds(2), 0.75, 0, 0, 0, 0, 0)]));
        Assert.True(cut.RenderCount > renders, "a new point draws the chart again");
        Assert.Equal("Latest: cpu 0.75 %.", cut.Find("[data-chart-summary]").TextContent);
    }

    [Fact]
    public void Without_points_it_says_there_is_no_data()
    {
        var cut = Render<MetricChart>(p => p.Add(c => c.Title, "CPU").Add(c => c.Points, []));

        Assert.Equal("No data for CPU yet.", cut.Find("[role=status]").TextContent);
        Assert.Empty(cut.FindAll("svg"));
    }
}
