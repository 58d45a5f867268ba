using System.Text.Json.Nodes;

namespace Portal.Server.Deployments;

/// <summary>
/// A new deployment of <see cref="ApplianceVersionId"/> for <see cref="TeamId"/>, made by <see cref="UserId"/>.
/// Limits left null take the manifest's (service limits, then requirements), then the configured defaults.
/// </summary>
public sealed record DeployRequest(int TeamId, int ApplianceVersionId, string Name, JsonObject? Config = null)
{
    public int? UserId { get; init; }

    public long? MemoryLimitBytes { get; init; }

    /// <summary>Docker's NanoCpus unit.</summary>
    public long? NanoCpus { get; init; }
}
