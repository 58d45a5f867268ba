using System.Collections.Concurrent;

namespace Portal.Server.Deployments.Health;

/// <summary>
/// Readiness and health of running deployments over <see cref="IHealthProbe"/>.
/// Readiness: from the container's start the web UI is tried every <see cref="ReadinessInterval"/> until it first
/// answers; until then the deployment is starting, not running, so nobody is handed a link that refuses.
/// Health (only with a manifest healthcheck): Docker's state machine, starting until the first success; failures
/// inside the start period do not count; <see cref="HealthTarget.Retries"/> consecutive failures make it unhealthy,
/// one success healthy again.
/// Kept in memory: after a server restart health starts over as starting, which never reports a healthy appliance
/// as unhealthy; readiness is carried over by <see cref="Track"/>'s caller.
/// </summary>
public sealed class DeploymentHealth(IHealthProbe probe)
{
    /// <summary>How often a web UI that has not answered yet is tried.</summary>
    public static readonly TimeSpan ReadinessInterval = TimeSpan.FromSeconds(1);

    /// <summary>A readiness try gives up after this long (unless a health probe is due, which has its own timeout).</summary>
    public static readonly TimeSpan ReadinessTimeout = TimeSpan.FromSeconds(2);

    private readonly ConcurrentDictionary<Guid, Tracked> tracked = new();

    /// <summary>
    /// Starts probing (or keeps probing, when the target is the same container run). <paramref name="ready"/> seeds
    /// readiness when nothing was tracked for the deployment: a server that restarts does not make a running
    /// appliance whose web UI had answered look as if it were starting again.
    /// </summary>
    public void Track(HealthTarget target, bool ready = false)
    {
        ArgumentNullException.ThrowIfNull(target);
        tracked.AddOrUpdate(target.Deployment, _ => Tracked.Start(target, ready),
            (_, existing) => existing.Target.ContainerId == target.ContainerId && existing.Target.StartedAt == target.StartedAt
                ? existing with { Target = target }
                : Tracked.Start(target, false));
    }

    public void Untrack(Guid deployment) => tracked.TryRemove(deployment, out _);

    /// <summary>Null when the deployment is not being probed.</summary>
    public HealthReport? Report(Guid deployment) => tracked.TryGetValue(deployment, out var t) ? t.Report : null;

    /// <summary>Runs every probe due at <paramref name="now"/>; returns the deployments whose readiness or health changed.</summary>
    public async Task<IReadOnlyList<Guid>> ProbeDueAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var due = tracked.Values.Where(t => t.NextProbe <= now).ToList();
        var results = await Task.WhenAll(due.Select(async t =>
            (Tracked: t, Failure: await probe.ProbeAsync(t.Target, t.HealthDue(now) ? t.Target.Timeout : ReadinessTimeout, cancellationToken))));
        var changed = new List<Guid>();
        foreach (var (before, failure) in results)
        {
            var after = before.Apply(failure, now);
            if (tracked.TryUpdate(before.Target.Deployment, after, before)
                && (after.Report.Status != before.Report.Status || after.Report.Ready != before.Report.Ready))
            {
                changed.Add(before.Target.Deployment);
            }
        }

        return changed;
    }

    private sealed record Tracked(HealthTarget Target, HealthReport Report)
    {
        private DateTimeOffset? LastHealthProbe { get; init; }

        private DateTimeOffset? LastReadinessProbe { get; init; }

        public static Tracked Start(HealthTarget target, bool ready) => new(target, new HealthReport(HealthStatus.Starting, 0, null) { Ready = ready });

        public DateTimeOffset NextProbe
        {
            get
            {
                var health = Target.Check is null ? DateTimeOffset.MaxValue : (LastHealthProbe ?? Target.StartedAt) + Target.Interval;
                var readiness = Report.Ready ? DateTimeOffset.MaxValue : (LastReadinessProbe ?? Target.StartedAt) + ReadinessInterval;
                return health < readiness ? health : readiness;
            }
        }

        public bool HealthDue(DateTimeOffset now) => Target.Check is not null && (LastHealthProbe ?? Target.StartedAt) + Target.Interval <= now;

        public Tracked Apply(string? failure, DateTimeOffset now)
        {
            var next = Report.Ready ? this : this with { LastReadinessProbe = now, Report = Report with { Ready = failure is null } };
            if (Target.Check is null || (failure is not null && !HealthDue(now)))
            {
                return next;
            }

            // Any answer of the web UI is a health success, as a Docker health probe that passes between intervals would be.
            if (failure is null)
            {
                return next with { LastHealthProbe = now, Report = new HealthReport(HealthStatus.Healthy, 0, null) { Ready = true } };
            }

            if (Report.Status == HealthStatus.Starting && now - Target.StartedAt < Target.StartPeriod)
            {
                return next with { LastHealthProbe = now, Report = next.Report with { LastFailure = failure } };
            }

            var streak = Report.FailingStreak + 1;
            var status = streak >= Target.Retries ? HealthStatus.Unhealthy : Report.Status;
            return next with { LastHealthProbe = now, Report = new HealthReport(status, streak, failure) { Ready = next.Report.Ready } };
        }
    }
}
