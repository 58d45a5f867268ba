using Portal.Server.Catalogues.Manifests;

namespace Portal.Server.Deployments.Health;

/// <summary>
/// What to probe for a running deployment: its container's address on the deployment network and the web UI port
/// (docs/deployments.md, Health). A new <see cref="ContainerId"/> or start time starts the health over. Without a
/// <see cref="Check"/> only readiness is probed: until the first answer, then never again.
/// </summary>
public sealed record HealthTarget(Guid Deployment, string ContainerId, DateTimeOffset StartedAt, string Address, int Port,
    string Path, string Scheme, ServiceHealthcheck? Check)
{
    public TimeSpan Interval => Check?.Interval is { } i && i > TimeSpan.Zero ? i : TimeSpan.FromSeconds(30);

    public TimeSpan Timeout => Check?.Timeout is { } t && t > TimeSpan.Zero ? t : TimeSpan.FromSeconds(30);

    public int Retries => Check?.Retries is { } r && r > 0 ? r : 3;

    public TimeSpan StartPeriod => Check?.StartPeriod ?? TimeSpan.Zero;
}
