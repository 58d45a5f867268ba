namespace Portal.Client.Contracts;

/// <summary>Replaces all three quotas (null = unlimited). <paramref name="Version"/> is the team's version as read; a stale one gets 409.</summary>
public sealed record UpdateTeamQuotasRequest(long? MemoryQuotaBytes, double? Cpus, int? MaxDeployments, long? Version);
