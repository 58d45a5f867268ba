namespace Portal.Data.Metrics;

/// <param name="RawSamplesDownsampled">10-second samples folded into 5-minute buckets and deleted.</param>
/// <param name="BucketsWritten">5-minute rows inserted or merged into.</param>
/// <param name="ExpiredSamplesDeleted">Samples of any resolution older than the history window.</param>
public sealed record MetricRetentionResult(int RawSamplesDownsampled, int BucketsWritten, int ExpiredSamplesDeleted);
