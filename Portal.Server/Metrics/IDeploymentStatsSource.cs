namespace Portal.Server.Metrics;

/// <summary>Reads the stats of every running deployment container (the engine, or a fake in tests).</summary>
public interface IDeploymentStatsSource
{
    /// <summary>A container that fails to read is left out (and logged); it never fails the whole read.</summary>
    Task<IReadOnlyList<DeploymentContainerStats>> ReadAsync(CancellationToken cancellationToken);
}
