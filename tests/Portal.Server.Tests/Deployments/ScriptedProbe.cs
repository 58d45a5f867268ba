using Portal.Server.Deployments.Health;

namespace Portal.Server.Tests.Deployments;

/// <summary>A health probe that answers with <see cref="Failure"/> (null = healthy) and counts its calls.</summary>
internal sealed class ScriptedProbe : IHealthProbe
{
    public string? Failure { get; set; }

    public int Calls { get; private set; }

    public Task<string?> ProbeAsync(HealthTarget target, TimeSpan timeout, CancellationToken cancellationToken)
    {
        Calls++;
        return Task.FromResult(Failure);
    }
}
