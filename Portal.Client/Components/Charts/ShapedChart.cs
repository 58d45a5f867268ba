namespace Portal.Client.Components.Charts;

/// <summary>
/// Points shaped for a line chart: one label per value (most empty, so the axis stays readable), the series in
/// <see cref="Unit"/> (values divided by <see cref="Scale"/>), and a text summary of the newest point.
/// </summary>
public sealed record ShapedChart(IReadOnlyList<string> Labels, IReadOnlyList<ShapedSeries> Series, string Unit, double Scale, string Summary)
{
    public bool IsEmpty => Labels.Count == 0;
}
