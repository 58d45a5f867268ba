namespace Portal.Server.Metrics;

/// <summary>The ranges the UI offers, each ending now.</summary>
public enum MetricsPreset
{
    LastHour,
    Last24Hours,
    Last30Days,
}
