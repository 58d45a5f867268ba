using Portal.Server.Metrics;

namespace Portal.Server.Tests.Metrics;

/// <summary>Host counters from a script of the reading time; can be told to fail.</summary>
internal sealed class ScriptedHost(Func<DateTimeOffset, HostCounters> script) : IHostMetricsSource
{
    public TaskCompletionSource FirstRead { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public bool Fail { get; set; }

    public HostCounters Read(DateTimeOffset at)
    {
        FirstRead.TrySetResult();
        return Fail ? throw new IOException("/proc/stat: simulated failure") : script(at);
    }
}

internal sealed class ScriptedDeployments(Func<DateTimeOffset, IReadOnlyList<DeploymentContainerStats>> script, TimeProvider time) : IDeploymentStatsSource
{
    public Task<IReadOnlyList<DeploymentContainerStats>> ReadAsync(CancellationToken cancellationToken) =>
        Task.FromResult(script(time.GetUtcNow()));
}

internal sealed class FixedDirectory(IReadOnlyDictionary<Guid, DeploymentLabels> labels) : IDeploymentDirectory
{
    public Task<IReadOnlyDictionary<Guid, DeploymentLabels>> LookupAsync(IReadOnlyCollection<Guid> deploymentIds, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyDictionary<Guid, DeploymentLabels>>(labels.Where(l => deploymentIds.Contains(l.Key)).ToDictionary());
}
