using Portal.Engine.Containers;
using Portal.Engine.Events;
using Portal.Engine.Logs;
using Portal.Server.Deployments;
using Portal.Server.Tests.Docker;
using Portal.Server.Tests.TestSupport;

namespace Portal.Server.Tests.Deployments;

/// <summary>A deployment's log as one stream over the engine's containers (fakes): restarts and re-creation.</summary>
public sealed class DeploymentLogsTests
{
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(10);
    private static readonly DateTimeOffset T0 = DateTimeOffset.UtcNow;
    private readonly FakeEventService events = new();
    private readonly FakeContainerService containers = new(new FakeImageService());

    [Fact]
    public async Task The_stream_carries_on_after_a_restart_without_repeating_lines_and_after_the_container_is_re_created()
    {
        var deployment = Guid.NewGuid();
        var name = DeploymentLabels.ContainerName(deployment);
        var first = containers.Add(name, ContainerStatus.Running);
        first.Append(LogStream.Stdout, "one\n", T0);
        first.Append(LogStream.Stderr, "two\r\n", T0.AddSeconds(1));
        var logs = new DeploymentLogs(containers, events);
        await using var stream = new LiveStream<DeploymentLogLine>("logs", token => logs.FollowAsync(deployment, 10, token));

        Assert.Equal(("one", "stdout"), Text(await stream.NextAsync(Within)));
        Assert.Equal(("two", "stderr"), Text(await stream.NextAsync(Within)));

        first.SetState(new ContainerState { Status = ContainerStatus.Exited, ExitCode = 0 });
        first.SetState(new ContainerState { Status = ContainerStatus.Running, Pid = 4242, StartedAt = T0.AddSeconds(2) });
        first.Append(LogStream.Stdout, "three\n", T0.AddSeconds(3));
        Started(name);
        Assert.Equal(("three", "stdout"), Text(await stream.NextAsync(Within)));

        first.SetState(new ContainerState { Status = ContainerStatus.Exited, ExitCode = 0 });
        await containers.RemoveAsync(name, force: true, TestContext.Current.CancellationToken);
        var second = containers.Add(name, ContainerStatus.Running);
        second.Details = second.Details with { Id = new string('b', 64) };
        // An older time than the last line read: a new container's lines all count, whatever their times.
        second.Append(LogStream.Stdout, "new container\n", T0.AddSeconds(-10));
        Started(name);
        Assert.Equal(("new container", "stdout"), Text(await stream.NextAsync(Within)));
    }

    [Fact]
    public async Task A_deployment_without_a_container_yet_streams_from_its_first_start()
    {
        var deployment = Guid.NewGuid();
        var name = DeploymentLabels.ContainerName(deployment);
        var logs = new DeploymentLogs(containers, events);
        await using var stream = new LiveStream<DeploymentLogLine>("logs", token => logs.FollowAsync(deployment, 0, token));
        var next = stream.NextAsync(Within);
        await WaitForSubscriberAsync();

        var container = containers.Add(name, ContainerStatus.Running);
        container.Append(LogStream.Stdout, "hello\n", T0);
        Started(name);

        Assert.Equal(("hello", "stdout"), Text(await next));
    }

    [Fact]
    public void Lines_are_decoded_as_utf8_without_their_newline_and_bad_bytes_become_replacement_characters()
    {
        var line = DeploymentLogs.Line(new LogEntry(T0, LogStream.Stderr, new byte[] { (byte)'o', 0xC3, 0xA9, 0xFF, (byte)'\n' }));

        Assert.Equal(("o\u00e9\ufffd", "stderr"), (line.Text, line.Stream));
    }

    private static (string Text, string Stream) Text(DeploymentLogLine line) => (line.Text, line.Stream);

    private void Started(string name) =>
        events.Publish(new EngineEvent("container", "start", new string('a', 64), new Dictionary<string, string> { ["name"] = name }, DateTimeOffset.UtcNow));

    private async Task WaitForSubscriberAsync()
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(Within);
        while (events.Subscribers == 0)
        {
            await Task.Delay(10, timeout.Token);
        }
    }
}
