using Portal.Engine.Cgroups;
using Portal.Engine.Containers;
using Portal.Engine.Errors;
using Portal.Engine.Logs;

namespace Portal.Engine.Tests.Containers;

public sealed class ContainerEngineTests : IAsyncLifetime
{
    private readonly EngineFixture _f = new();
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _f.DisposeAsync();

    private Task<ContainerDetails> CreateAsync(string name, Func<ContainerCreateRequest, ContainerCreateRequest>? change = null)
    {
        var request = new ContainerCreateRequest { Name = name, Image = "busybox" };
        return _f.Engine.CreateAsync(change is null ? request : change(request), Ct);
    }

    [Fact]
    public async Task Create_merges_image_config_and_persists_the_record()
    {
        var c = await CreateAsync("web", r => r with { Env = ["A=request", "B=2"], Labels = new Dictionary<string, string> { ["team"] = "t1" } });

        Assert.Equal(64, c.Id.Length);
        Assert.Equal(["sh"], c.Args);
        Assert.Equal(["PATH=/bin", "A=request", "B=2"], c.Config.Env);
        Assert.Equal("/srv", c.Config.WorkingDir);
        Assert.Equal(c.Id[..12], c.Config.Hostname);
        Assert.Equal("x", c.Config.Labels["vendor"]);
        Assert.Equal("t1", c.Config.Labels["team"]);
        Assert.Equal(ContainerStatus.Created, c.State.Status);
        Assert.True(File.Exists(Path.Combine(_f.ContainerDir(c.Id), "container.json")));
        Assert.Equal(c.Id, (await _f.Engine.InspectAsync("/web", Ct)).Id);
        Assert.Equal(c.Id, (await _f.Engine.InspectAsync(c.Id[..5], Ct)).Id);
        Assert.True(_f.Images.InUse(c.ImageId));
    }

    [Fact]
    public async Task Create_makes_an_empty_log_for_an_attach_that_comes_before_start()
    {
        var c = await CreateAsync("early");

        Assert.Equal(0, new FileInfo(Path.Combine(_f.ContainerDir(c.Id), "container.log")).Length);
    }

    [Fact]
    public async Task Create_refuses_taken_names_bad_names_and_missing_images()
    {
        var first = await CreateAsync("web");

        var taken = await Assert.ThrowsAsync<ConflictException>(() => CreateAsync("web"));
        Assert.Contains($"The container name \"/web\" is already in use by container \"{first.Id}\"", taken.Message, StringComparison.Ordinal);
        var bad = await Assert.ThrowsAsync<InvalidArgumentException>(() => CreateAsync("-x"));
        Assert.Contains("Invalid container name (-x)", bad.Message, StringComparison.Ordinal);
        var missing = await Assert.ThrowsAsync<NotFoundException>(() => _f.Engine.CreateAsync(new ContainerCreateRequest { Image = "nope" }, Ct));
        Assert.Equal("No such image: nope", missing.Message);
        await Assert.ThrowsAsync<NotFoundException>(() => _f.Engine.InspectAsync("nosuch", Ct));
    }

    [Fact]
    public async Task Start_hands_the_runtime_a_hardened_spec_in_the_container_cgroup()
    {
        var c = await CreateAsync("web", r => r with { Cmd = ["echo", "hi"], User = "app", Resources = new ResourceLimits { MemoryBytes = 32 << 20 } });

        Assert.True(await _f.Engine.StartAsync("web", Ct));

        Assert.True(Directory.Exists(Path.Combine(_f.ContainerDir(c.Id), "rootfs")));
        var spec = Assert.Single(_f.Runtime.Started);
        Assert.Equal(["echo", "hi"], spec.Process.Args);
        Assert.Equal("app", spec.Process.User);
        Assert.Equal("/srv", spec.Process.Cwd);
        Assert.Equal(14, spec.Process.Capabilities.Count);
        Assert.True(spec.Process.NoNewPrivileges);
        Assert.Contains("/proc/kcore", spec.MaskedPaths);
        Assert.Contains("/proc/sysrq-trigger", spec.ReadonlyPaths);
        Assert.Equal(_f.Cgroups.Live[c.Id].ProcsFiles, spec.CgroupProcsFiles);
        Assert.Equal(32 << 20, _f.Cgroups.Live[c.Id].Limits.MemoryBytes);
        Assert.Equal(64 << 20, _f.Cgroups.Live[c.Id].Limits.MemorySwapBytes);
        Assert.Equal(c.Id[..12], spec.Hostname);
        var running = await _f.Engine.InspectAsync("web", Ct);
        Assert.Equal(ContainerStatus.Running, running.State.Status);
        Assert.True(running.State.Pid > 0);
        Assert.False(await _f.Engine.StartAsync("web", Ct));
    }

    [Fact]
    public async Task Stop_escalates_to_SIGKILL_after_the_timeout_and_reports_137()
    {
        await CreateAsync("stubborn");
        await _f.Engine.StartAsync("stubborn", Ct);
        _f.Runtime.IgnoredSignals.Add(15);
        var events = CollectEvents();

        Assert.True(await _f.Engine.StopAsync("stubborn", timeoutSeconds: 1, cancellationToken: Ct));

        var state = (await _f.Engine.InspectAsync("stubborn", Ct)).State;
        Assert.Equal(ContainerStatus.Exited, state.Status);
        Assert.Equal(137, state.ExitCode);
        Assert.Equal([15, 9], _f.Runtime.Signals.Select(s => s.Signal));
        await Eventually.HoldsAsync(() => events.Contains("stop"), "stop event");
        Assert.Equal(["kill", "kill", "die", "stop"], events.Where(a => a is "kill" or "die" or "stop"));
        Assert.False(await _f.Engine.StopAsync("stubborn", cancellationToken: Ct));
        await Assert.ThrowsAsync<ConflictException>(() => _f.Engine.KillAsync("stubborn", null, Ct));
        Assert.Empty(_f.Cgroups.Live);
    }

    [Fact]
    public async Task Wait_next_exit_registered_before_start_gets_the_exit_code()
    {
        var c = await CreateAsync("job");
        Assert.Equal(0, (await _f.Engine.WaitAsync("job", WaitCondition.NotRunning, Ct)).StatusCode);
        var wait = _f.Engine.WaitAsync("job", WaitCondition.NextExit, Ct);
        await _f.Engine.StartAsync("job", Ct);
        Assert.False(wait.IsCompleted);

        _f.Runtime.Exit(c.Id, 3);

        Assert.Equal(3, (await wait).StatusCode);
        Assert.Equal(3, (await _f.Engine.WaitAsync("job", WaitCondition.NotRunning, Ct)).StatusCode);
    }

    [Fact]
    public async Task AutoRemove_removes_after_exit_and_removed_wait_keeps_the_code()
    {
        var c = await CreateAsync("once", r => r with { AutoRemove = true });
        var removed = _f.Engine.WaitAsync("once", WaitCondition.Removed, Ct);
        await _f.Engine.StartAsync("once", Ct);

        _f.Runtime.Exit(c.Id, 5);

        Assert.Equal(5, (await removed).StatusCode);
        await Assert.ThrowsAsync<NotFoundException>(() => _f.Engine.InspectAsync("once", Ct));
        Assert.False(Directory.Exists(_f.ContainerDir(c.Id)));
        Assert.False(_f.Images.InUse(c.ImageId));
    }

    [Fact]
    public async Task OnFailure_restarts_up_to_the_retry_count()
    {
        var c = await CreateAsync("flaky", r => r with { RestartPolicy = new RestartPolicy(RestartPolicyKind.OnFailure, 2) });
        await _f.Engine.StartAsync("flaky", Ct);

        for (var run = 1; run <= 3; run++)
        {
            await Eventually.HoldsAsync(() => _f.Runtime.Started.Count == run && _f.Runtime.IsAlive(_f.Runtime.ReadState(_f.Runtime.Started[^1].StateDir)!), $"run {run} started");
            _f.Runtime.Exit(c.Id, 1);
        }

        await Eventually.HoldsAsync(() => _f.Engine.InspectAsync("flaky", Ct).Result.State.Status == ContainerStatus.Exited, "final exit");
        var details = await _f.Engine.InspectAsync("flaky", Ct);
        Assert.Equal(2, details.RestartCount);
        Assert.Equal(1, details.State.ExitCode);
        Assert.Equal(3, _f.Runtime.Started.Count);
    }

    [Fact]
    public async Task Always_restarts_on_exit_but_not_after_a_manual_stop()
    {
        var c = await CreateAsync("svc", r => r with { RestartPolicy = new RestartPolicy(RestartPolicyKind.Always) });
        await _f.Engine.StartAsync("svc", Ct);
        _f.Runtime.Exit(c.Id, 0);
        await Eventually.HoldsAsync(() => _f.Runtime.Started.Count == 2, "restart after a clean exit");
        await Eventually.HoldsAsync(() => _f.Engine.InspectAsync("svc", Ct).Result.State.Status == ContainerStatus.Running, "running again");

        await _f.Engine.StopAsync("svc", 5, cancellationToken: Ct);
        await Task.Delay(300, Ct);

        Assert.Equal(2, _f.Runtime.Started.Count);
        Assert.Equal(ContainerStatus.Exited, (await _f.Engine.InspectAsync("svc", Ct)).State.Status);
    }

    [Fact]
    public async Task Forced_removal_of_a_container_with_a_restart_policy_never_restarts_or_revives_it()
    {
        for (var round = 0; round < 20; round++)
        {
            var name = "always-" + round;
            var c = await CreateAsync(name, r => r with { RestartPolicy = new RestartPolicy(RestartPolicyKind.Always) });
            await _f.Engine.StartAsync(name, Ct);
            var started = _f.Runtime.Started.Count;

            await _f.Engine.RemoveAsync(name, force: true, Ct);
            await Task.Delay(150, Ct);

            Assert.False(Directory.Exists(_f.ContainerDir(c.Id)), $"round {round}: the removed container's directory came back");
            Assert.Equal(started, _f.Runtime.Started.Count);
        }

        await _f.RestartEngineAsync();
        Assert.Empty(await _f.Engine.ListAsync(all: true, Ct));
    }

    [Fact]
    public async Task Remove_refuses_a_running_container_unless_forced()
    {
        var c = await CreateAsync("web");
        await _f.Engine.StartAsync("web", Ct);

        var refused = await Assert.ThrowsAsync<ConflictException>(() => _f.Engine.RemoveAsync("web", force: false, Ct));
        Assert.Contains("You cannot remove a running container", refused.Message, StringComparison.Ordinal);
        var events = CollectEvents();

        await _f.Engine.RemoveAsync("web", force: true, Ct);

        await Assert.ThrowsAsync<NotFoundException>(() => _f.Engine.InspectAsync(c.Id, Ct));
        Assert.False(Directory.Exists(_f.ContainerDir(c.Id)));
        Assert.Contains(_f.Runtime.Signals, s => s.Signal == 9);
        await Eventually.HoldsAsync(() => events.Contains("destroy"), "destroy event");
        await Assert.ThrowsAsync<NotFoundException>(() => _f.Engine.RemoveAsync("web", force: true, Ct));
    }

    [Fact]
    public async Task Oom_kill_is_recorded_with_an_oom_event()
    {
        var c = await CreateAsync("hog");
        await _f.Engine.StartAsync("hog", Ct);
        var events = CollectEvents();
        _f.Cgroups.Live[c.Id].OomKills = 1;

        _f.Runtime.Signal(_f.Runtime.ReadState(_f.Runtime.Started[0].StateDir)!, 9);

        await Eventually.HoldsAsync(() => _f.Engine.InspectAsync("hog", Ct).Result.State.Status == ContainerStatus.Exited, "exit");
        var state = (await _f.Engine.InspectAsync("hog", Ct)).State;
        Assert.True(state.OomKilled);
        Assert.Equal(137, state.ExitCode);
        await Eventually.HoldsAsync(() => events.Contains("oom") && events.Contains("die"), "oom and die events");
    }

    [Fact]
    public async Task Start_failure_records_the_code_and_wakes_waiters()
    {
        _f.Runtime.FailStart = _ => new ContainerStartException("exec: \"nosuch\": executable file not found in $PATH", 127);
        await CreateAsync("bad", r => r with { Cmd = ["nosuch"] });
        var wait = _f.Engine.WaitAsync("bad", WaitCondition.NextExit, Ct);

        var ex = await Assert.ThrowsAsync<ContainerStartException>(() => _f.Engine.StartAsync("bad", Ct));

        Assert.Equal(127, ex.ExitCode);
        Assert.Equal(127, (await wait).StatusCode);
        var state = (await _f.Engine.InspectAsync("bad", Ct)).State;
        Assert.Equal(127, state.ExitCode);
        Assert.Contains("executable file not found", state.Error, StringComparison.Ordinal);
        Assert.Empty(_f.Cgroups.Live);
    }

    [Fact]
    public async Task AutoRemove_container_that_cannot_start_is_removed_with_its_code()
    {
        _f.Runtime.FailStart = _ => new ContainerStartException("exec: \"nosuch\": executable file not found in $PATH", 127);
        var c = await CreateAsync("gone", r => r with { Cmd = ["nosuch"], AutoRemove = true });
        var removed = _f.Engine.WaitAsync("gone", WaitCondition.Removed, Ct);

        await Assert.ThrowsAsync<ContainerStartException>(() => _f.Engine.StartAsync("gone", Ct));

        Assert.Equal(127, (await removed).StatusCode);
        Assert.False(Directory.Exists(_f.ContainerDir(c.Id)));
    }

    [Fact]
    public async Task Restarted_engine_readopts_live_containers_and_records_exits_that_happened_meanwhile()
    {
        var alive = await CreateAsync("alive");
        var gone = await CreateAsync("gone");
        await _f.Engine.StartAsync("alive", Ct);
        await _f.Engine.StartAsync("gone", Ct);
        var pid = (await _f.Engine.InspectAsync("alive", Ct)).State.Pid;

        var engine = await _f.RestartEngineAsync(whileDown: () => _f.Runtime.ExitSilently(gone.Id, 3));

        var a = await engine.InspectAsync("alive", Ct);
        Assert.Equal(ContainerStatus.Running, a.State.Status);
        Assert.Equal(pid, a.State.Pid);
        var g = await engine.InspectAsync("gone", Ct);
        Assert.Equal(ContainerStatus.Exited, g.State.Status);
        Assert.Equal(3, g.State.ExitCode);

        _f.Runtime.Exit(alive.Id, 7);
        Assert.Equal(7, (await engine.WaitAsync("alive", WaitCondition.NotRunning, Ct)).StatusCode);
    }

    [Fact]
    public async Task Following_logs_of_a_running_container_ends_with_its_exit()
    {
        var c = await CreateAsync("chatty");
        await _f.Engine.StartAsync("chatty", Ct);
        var lines = new List<string>();
        var reading = Task.Run(async () =>
        {
            await foreach (var e in _f.Engine.GetLogsAsync("chatty", new LogReadOptions { Follow = true }, Ct))
            {
                lines.Add(System.Text.Encoding.UTF8.GetString(e.Line.Span));
            }
        }, Ct);
        await Eventually.HoldsAsync(() => lines.Count == 1, "first line");

        _f.Runtime.Exit(c.Id, 0);
        await reading;

        Assert.Equal(["first\n", "last\n"], lines);
    }

    private List<string> CollectEvents()
    {
        var actions = new List<string>();
        var events = _f.Events;
        var started = new TaskCompletionSource();
        _ = Task.Run(async () =>
        {
            var e = events.SubscribeAsync(null, null, Ct).GetAsyncEnumerator(Ct);
            var next = e.MoveNextAsync();
            started.SetResult();
            while (await next)
            {
                lock (actions)
                {
                    actions.Add(e.Current.Action);
                }

                next = e.MoveNextAsync();
            }
        }, Ct);
        started.Task.Wait(Ct);
        return actions;
    }
}
