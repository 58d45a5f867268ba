namespace Portal.Server.Metrics;

public static class MetricsAccess
{
    /// <summary>The policy /metrics requires; <see cref="PortalMetricsServiceExtensions.AddPortalMetrics"/> registers it.</summary>
    public const string Policy = "portal:metrics";

    /// <summary>
    /// The name of the auth part's admin-session policy, which <see cref="MetricsAccessHandler"/> evaluates for
    /// requests without a valid scrape token. Must match the policy the cookie auth registers.
    /// </summary>
    public const string AdminPolicy = Security.PortalPolicies.Admin;
}
