namespace Portal.Data.Entities;

/// <summary>A sample's interval in seconds.</summary>
public enum MetricResolution
{
    TenSeconds = 10,
    FiveMinutes = 300,
}
