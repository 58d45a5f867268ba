namespace Portal.Client.Contracts;

/// <summary>What the appliance needs; null when the manifest does not say. Memory in bytes.</summary>
public sealed record ApplianceRequirementsResponse(long? MemoryBytes, double? Cpus, string? MinPortalVersion);
