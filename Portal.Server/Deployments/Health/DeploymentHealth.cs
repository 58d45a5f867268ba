using System.Collections.Concurrent;

namespace Portal.Server.Deployments.Health;

/// <summary>
/// Health of running deployments, Docker's state machine over <see cref="IHealthProbe"/>: starting until the first
/// success; failures inside the start period do not count; <see cref="HealthTarget.Retries"/> consecutive failures
/// make it unhealthy, one success healthy again. Kept in memory: after a server restart a deployment starts over
/// (as starting), which never reports a healthy appliance as unhealthy.
/// </summary>
public sealed class DeploymentHealth(IHealthProbe probe)
{
    private readonly ConcurrentDictionary<Guid, Tracked> tracked = new();

    /// <summary>Starts probing (or keeps probing, when the target is the same container run).</summary>
    public void Track(HealthTarget target)
    {
        ArgumentNullException.ThrowIfNull(target);
        tracked.AddOrUpdate(target.Deployment, _ => new Tracked(target),
            (_, existing) => existing.Target.ContainerId == target.ContainerId && existing.Target.StartedAt == target.StartedAt
                ? existing with { Target = target }
                : new Tracked(target));
    }

    public void Untrack(Guid deployment) => tracked.TryRemove(deployment, out _);

    /// <summary>Null when the deployment has no health check being probed.</summary>
    public HealthReport? Report(Guid deployment) => tracked.TryGetValue(deployment, out var t) ? t.Report : null;

    /// <summary>Runs every probe due at <paramref name="now"/>; returns the deployments whose status changed.</summary>
    public async Task<IReadOnlyList<Guid>> ProbeDueAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var due = tracked.Values.Where(t => t.NextProbe(now) <= now).ToList();
        var results = await Task.WhenAll(due.Select(async t => (Tracked: t, Failure: await probe.ProbeAsync(t.Target, t.Target.Timeout, cancellationToken))));
        var changed = new List<Guid>();
        foreach (var (before, failure) in results)
        {
            var after = before.Apply(failure, now);
            if (tracked.TryUpdate(before.Target.Deployment, after, before) && after.Report.Status != before.Report.Status)
            {
                changed.Add(before.Target.Deployment);
            }
        }

        return changed;
    }

    private sealed record Tracked(HealthTarget Target)
    {
        public HealthReport Report { get; init; } = new(HealthStatus.Starting, 0, null);

        public DateTimeOffset? LastProbe { get; init; }

        public DateTimeOffset NextProbe(DateTimeOffset now) => LastProbe is { } last ? last + Target.Interval : Target.StartedAt + Target.Interval;

        public Tracked Apply(string? failure, DateTimeOffset now)
        {
            if (failure is null)
            {
                return this with { LastProbe = now, Report = new HealthReport(HealthStatus.Healthy, 0, null) };
            }

            if (Report.Status == HealthStatus.Starting && now - Target.StartedAt < Target.StartPeriod)
            {
                return this with { LastProbe = now, Report = Report with { LastFailure = failure } };
            }

            var streak = Report.FailingStreak + 1;
            var status = streak >= Target.Retries ? HealthStatus.Unhealthy : Report.Status;
            return this with { LastProbe = now, Report = new HealthReport(status, streak, failure) };
        }
    }
}
