namespace Portal.Server.Catalogues.Manifests;

/// <summary>Compose's healthcheck. <see cref="Test"/> starts with CMD, CMD-SHELL or NONE, as Docker's HealthConfig.</summary>
public sealed record ServiceHealthcheck
{
    public IReadOnlyList<string> Test { get; init; } = [];
    public TimeSpan? Interval { get; init; }
    public TimeSpan? Timeout { get; init; }
    public int? Retries { get; init; }
    public TimeSpan? StartPeriod { get; init; }
}
