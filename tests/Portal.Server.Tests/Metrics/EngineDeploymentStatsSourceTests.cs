using Microsoft.Extensions.Logging.Abstractions;
using Portal.Engine.Cgroups;
using Portal.Engine.Containers;
using Portal.Engine.Logs;
using Portal.Engine.Stats;
using Portal.Server.Metrics;

namespace Portal.Server.Tests.Metrics;

public sealed class EngineDeploymentStatsSourceTests
{
    private static readonly Guid DeploymentId = Guid.Parse("11111111-2222-3333-4444-555555555555");

    [Fact]
    public async Task Only_labelled_containers_are_read_and_one_failing_container_does_not_stop_the_others()
    {
        var engine = new ListOnlyEngine(
        [
            Container("good", DeploymentId.ToString()),
            Container("broken", Guid.NewGuid().ToString()),
            Container("unlabelled", null),
            Container("bad-label", "not-a-guid"),
            Container("stopped-meanwhile", Guid.NewGuid().ToString()),
        ]);

        var readings = await new EngineDeploymentStatsSource(engine, NullLogger<EngineDeploymentStatsSource>.Instance)
            .ReadAsync(TestContext.Current.CancellationToken);

        var reading = Assert.Single(readings);
        Assert.Equal((DeploymentId, "good"), (reading.DeploymentId, reading.ContainerId));
        Assert.Equal(["good", "broken", "stopped-meanwhile"], engine.StatsRead);
    }

    private static ContainerDetails Container(string id, string? label) => new()
    {
        Id = id,
        Name = "/" + id,
        Created = DateTimeOffset.UnixEpoch,
        ImageId = "sha256:" + new string('a', 64),
        Config = new ContainerConfig
        {
            Image = "probe",
            Hostname = id,
            Labels = label is null ? new Dictionary<string, string>() : new Dictionary<string, string> { [EngineDeploymentStatsSource.DeploymentLabel] = label },
        },
        State = new ContainerState { Status = ContainerStatus.Running, Pid = 42 },
        Resources = new ResourceLimits(),
        Args = [],
    };

    /// <summary>Lists the given containers; "broken" fails to read, "stopped-meanwhile" reads as the engine reports a stopped one.</summary>
    private sealed class ListOnlyEngine(IReadOnlyList<ContainerDetails> containers) : IContainerService
    {
        public List<string> StatsRead { get; } = [];

        public Task<IReadOnlyList<ContainerDetails>> ListAsync(bool all, CancellationToken cancellationToken = default) => Task.FromResult(containers);

        public Task<ContainerStats> GetStatsAsync(string idOrName, CancellationToken cancellationToken = default)
        {
            StatsRead.Add(idOrName);
            return idOrName == "broken"
                ? throw new IOException("/sys/fs/cgroup/cpuacct/portal/broken/cpuacct.usage: No such file or directory")
                : Task.FromResult(new ContainerStats
                {
                    Read = DateTimeOffset.UnixEpoch,
                    CgroupVersion = CgroupVersion.V1,
                    Cgroup = new CgroupStats(),
                    SystemCpuUsageNs = 0,
                    OnlineCpus = idOrName == "stopped-meanwhile" ? 0u : 2u,
                    MemoryLimit = 0,
                });
        }

        public Task<ContainerDetails> CreateAsync(ContainerCreateRequest request, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<bool> StartAsync(string idOrName, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<bool> StopAsync(string idOrName, int? timeoutSeconds = null, string? signal = null, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task KillAsync(string idOrName, string? signal = null, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task RestartAsync(string idOrName, int? timeoutSeconds = null, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<ContainerWaitResult> WaitAsync(string idOrName, WaitCondition condition, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task RemoveAsync(string idOrName, bool force, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<ContainerDetails> InspectAsync(string idOrName, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public IAsyncEnumerable<LogEntry> GetLogsAsync(string idOrName, LogReadOptions options, CancellationToken cancellationToken = default) => throw new NotSupportedException();
    }
}
