namespace Portal.Server.Metrics;

/// <summary>The "Portal:Metrics" configuration section.</summary>
public sealed class MetricsOptions
{
    public const string Section = "Portal:Metrics";

    /// <summary>
    /// A bearer token a Prometheus server may scrape /metrics with (<c>Authorization: Bearer &lt;token&gt;</c>).
    /// Empty (the default): only admin sessions may read /metrics.
    /// </summary>
    public string ScrapeToken { get; set; } = "";
}
