namespace Portal.Client.Components.Charts;

/// <summary>One line of a chart: its values already divided by the chart's scale; null is a gap.</summary>
public sealed record ShapedSeries(string Name, IReadOnlyList<double?> Values);
