using Portal.Data.Entities;

namespace Portal.Server.Deployments;

/// <summary>What the reconciler saw of a deployment after converging it.</summary>
public sealed record Observation(ObservedStatus Status, string? Reason, string? ContainerId, int? WebUiHostPort)
{
    public static Observation Removed { get; } = new(ObservedStatus.Removed, null, null, null);
}
