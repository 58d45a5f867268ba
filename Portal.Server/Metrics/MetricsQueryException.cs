namespace Portal.Server.Metrics;

/// <summary>A history query the service refuses; <see cref="ArgumentException.ParamName"/> names the bad parameter (series, from or to).</summary>
public sealed class MetricsQueryException : ArgumentException
{
    public MetricsQueryException()
    {
    }

    public MetricsQueryException(string message)
        : base(message)
    {
    }

    public MetricsQueryException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public MetricsQueryException(string message, string paramName)
        : base(message, paramName)
    {
    }
}
