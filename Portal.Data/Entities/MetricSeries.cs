namespace Portal.Data.Entities;

/// <summary>Series keys of <see cref="MetricSample"/>: the host, or one deployment.</summary>
public static class MetricSeries
{
    public const string Host = "host";

    public static string ForDeployment(Guid deploymentId) => deploymentId.ToString("D");
}
