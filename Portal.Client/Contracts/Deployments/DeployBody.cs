using System.Text.Json.Nodes;

namespace Portal.Client.Contracts;

/// <summary>POST /api/v1/teams/{teamId}/deployments.</summary>
public sealed record DeployBody(int ApplianceVersionId, string? Name, JsonObject? Config, long? MemoryLimitBytes, double? Cpus);
