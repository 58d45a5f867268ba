namespace Portal.Client.Contracts;

/// <summary>Quotas left out (null) are unlimited. <paramref name="Cpus"/> may be fractional (1.5).</summary>
public sealed record CreateTeamRequest(string? Name, long? MemoryQuotaBytes, double? Cpus, int? MaxDeployments);
