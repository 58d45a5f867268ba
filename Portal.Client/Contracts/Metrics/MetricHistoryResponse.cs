namespace Portal.Client.Contracts;

/// <summary>
/// A series' points in [From, To), oldest first; <see cref="Resolution"/> is "tenSeconds" (the last day) or
/// "fiveMinutes" (up to 30 days). Intervals without samples are absent: a chart shows a gap there.
/// </summary>
public sealed record MetricHistoryResponse(string Series, string Resolution, DateTimeOffset From, DateTimeOffset To, IReadOnlyList<MetricPoint> Points);
