using Portal.Data.Entities;

namespace Portal.Server.Metrics;

/// <summary>A series' points in [From, To), oldest first, at <see cref="Resolution"/>; intervals without samples are absent.</summary>
public sealed record MetricHistory(string Series, MetricResolution Resolution, DateTimeOffset From, DateTimeOffset To, IReadOnlyList<MetricPoint> Points);
