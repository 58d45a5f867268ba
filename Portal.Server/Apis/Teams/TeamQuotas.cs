namespace Portal.Server.Apis.Teams;

internal static class TeamQuotas
{
    public const double MaxCpus = 4096;

    public static void Check(ValidationErrors errors, long? memoryQuotaBytes, double? cpus, int? maxDeployments)
    {
        if (memoryQuotaBytes is <= 0)
        {
            errors.Add("memoryQuotaBytes", "memoryQuotaBytes must be positive, or null for unlimited.");
        }

        if (cpus is { } c && (double.IsNaN(c) || c <= 0 || c > MaxCpus))
        {
            errors.Add("cpus", $"cpus must be above 0 and at most {MaxCpus}, or null for unlimited.");
        }

        if (maxDeployments is < 0)
        {
            errors.Add("maxDeployments", "maxDeployments must be 0 or more, or null for unlimited.");
        }
    }

    /// <summary>Docker's NanoCpus unit: 1.5 CPUs = 1_500_000_000.</summary>
    public static long? ToNanoCpus(double? cpus) => cpus is { } c ? (long)Math.Round(c * 1e9) : null;

    public static double? ToCpus(long? nanoCpus) => nanoCpus is { } n ? n / 1e9 : null;
}
