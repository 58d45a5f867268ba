using Microsoft.AspNetCore.Authorization;

namespace Portal.Server.Metrics;

/// <summary>/metrics: an admin session or the configured scrape token (<see cref="MetricsAccessHandler"/>).</summary>
public sealed class MetricsAccessRequirement : IAuthorizationRequirement;
