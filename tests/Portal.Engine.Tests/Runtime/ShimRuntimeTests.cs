using System.Diagnostics;
using Portal.Engine.Containers;
using Portal.Engine.Interop;
using Portal.Engine.Tests.TestSupport;

namespace Portal.Engine.Tests.Runtime;

[Trait("Category", "Root")]
public sealed class ShimRuntimeTests : IDisposable
{
    private readonly ContainerFixture fx;

    public ShimRuntimeTests()
    {
        fx = new ContainerFixture();
    }

    public void Dispose() => fx.Dispose();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    [Fact]
    public async Task Pid1IsTheCommandAndHostnameIsTheSpecs()
    {
        Root.Require();
        var (exit, stdout, _) = await fx.RunAsync(fx.Spec("pid", "sh", "-c", "echo pid=$$; hostname; ps -o pid,comm; true"));
        Assert.Equal(0, exit.ExitCode);
        var lines = Lines(stdout);
        Assert.Equal(["pid=1", "portal-pid"], lines[..2]);
        // Nothing of the host's process tree: only the shell (PID 1) and ps itself.
        var processes = lines[3..].Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToList();
        Assert.Equal(["1 sh", "ps"], processes.Select(p => p[1] == "sh" ? $"{p[0]} sh" : p[1]).Order());
    }

    [Fact]
    public async Task OnlyLoopbackExistsAndItIsUp()
    {
        Root.Require();
        var (_, stdout, _) = await fx.RunAsync(fx.Spec("net", "sh", "-c", "ls /sys/class/net; cat /sys/class/net/lo/flags"));
        var lines = Lines(stdout);
        Assert.Equal("lo", lines[0]);
        Assert.Equal(2, lines.Length);
        Assert.Equal(1, Convert.ToInt32(lines[1], 16) & 1);
    }

    [Fact]
    public async Task DockerDefaultHardeningIsApplied()
    {
        Root.Require();
        var script = "grep -E '^(CapEff|CapBnd|CapInh|NoNewPrivs)' /proc/self/status;"
            + "echo timer_list=$(wc -c < /proc/timer_list);"
            + "(echo h > /proc/sysrq-trigger) 2>/dev/null && echo sysrq=writable || echo sysrq=refused;"
            + "touch /sys/probe 2>/dev/null && echo sys=writable || echo sys=readonly;"
            + "mount | grep ' /proc/sys ' | grep -q '(ro,' && echo procsys=ro;"
            + "ls /dev | tr '\\n' ' '";
        var (exit, stdout, _) = await fx.RunAsync(fx.Spec("sec", "sh", "-c", script));
        Assert.Equal(0, exit.ExitCode);
        Assert.Contains("CapEff:\t00000000a80425fb", stdout, StringComparison.Ordinal);
        Assert.Contains("CapBnd:\t00000000a80425fb", stdout, StringComparison.Ordinal);
        Assert.Contains("CapInh:\t0000000000000000", stdout, StringComparison.Ordinal);
        Assert.Contains("NoNewPrivs:\t1", stdout, StringComparison.Ordinal);
        Assert.Contains("timer_list=0", stdout, StringComparison.Ordinal);
        Assert.Contains("sysrq=refused", stdout, StringComparison.Ordinal);
        Assert.Contains("sys=readonly", stdout, StringComparison.Ordinal);
        Assert.Contains("procsys=ro", stdout, StringComparison.Ordinal);
        foreach (var node in new[] { "null", "zero", "full", "random", "urandom", "tty", "ptmx", "pts", "shm", "fd", "stdin", "stdout", "stderr" })
        {
            Assert.Contains(" " + node + " ", " " + Lines(stdout)[^1], StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task NoFdBeyondStdioReachesTheContainer()
    {
        Root.Require();
        var (_, stdout, _) = await fx.RunAsync(fx.Spec("fds", "sh", "-c", "ls /proc/1/fd; true"));
        Assert.Equal(["0", "1", "2"], Lines(stdout));
    }

    [Fact]
    public async Task EnvWorkdirAndStreamsAreApplied()
    {
        Root.Require();
        var spec = fx.Spec("env", "sh", "-c", "pwd; echo foo=$FOO; echo home=$HOME; echo oops >&2; ulimit -n");
        var (exit, stdout, stderr) = await fx.RunAsync(spec with
        {
            Process = spec.Process with { Env = [.. spec.Process.Env, "FOO=bar"], Cwd = "/work/here" },
        });
        Assert.Equal(0, exit.ExitCode);
        var lines = Lines(stdout);
        Assert.Equal("/work/here", lines[0]);
        Assert.Equal("foo=bar", lines[1]);
        Assert.Equal("home=/root", lines[2]);
        // 1048576 was asked for; without CAP_SYS_RESOURCE it is clamped to the hard limit, never a failed start.
        Assert.True(ulong.Parse(lines[3], System.Globalization.CultureInfo.InvariantCulture) > 0);
        Assert.Equal("oops\n", stderr);
    }

    [Fact]
    public async Task UserByNameGetsItsIdsGroupsAndNoCapabilities()
    {
        Root.Require();
        var spec = fx.Spec("user", "sh", "-c", "id; grep CapEff /proc/self/status; echo $HOME");
        var (exit, stdout, _) = await fx.RunAsync(spec with { Process = spec.Process with { User = "app" } });
        Assert.Equal(0, exit.ExitCode);
        var lines = Lines(stdout);
        Assert.Equal("uid=1000(app) gid=1000(app) groups=1000(app),2000(extra)", lines[0]);
        Assert.Equal("CapEff:\t0000000000000000", lines[1]);
        Assert.Equal("/home/app", lines[2]);
    }

    [Fact]
    public async Task ExitCodeIsRecorded()
    {
        Root.Require();
        var spec = fx.Spec("exit", "sh", "-c", "exit 3");
        var (exit, _, _) = await fx.RunAsync(spec);
        Assert.Equal(3, exit.ExitCode);
        Assert.Null(exit.Signal);
        Assert.Null(exit.Error);
        // The shim is this process's child: it must be reaped, not left as a zombie.
        var shimPid = fx.Runtime.ReadState(spec.StateDir)!.ShimPid;
        for (var i = 0; i < 40 && Directory.Exists($"/proc/{shimPid}"); i++)
        {
            await Task.Delay(50, Ct);
        }

        Assert.False(Directory.Exists($"/proc/{shimPid}"));
    }

    [Fact]
    public async Task MissingCommandFailsTheStartWith127()
    {
        Root.Require();
        var spec = fx.Spec("nosuch", "nosuch");
        var e = await Assert.ThrowsAsync<ContainerStartException>(() => fx.Runtime.StartAsync(spec, Ct));
        Assert.Equal(127, e.ExitCode);
        Assert.Equal("exec: \"nosuch\": executable file not found in $PATH", e.Message);
        Assert.Null(fx.Runtime.ReadExit(spec.StateDir));
    }

    [Fact]
    public async Task UnknownUserFailsTheStartWith125()
    {
        Root.Require();
        var spec = fx.Spec("nouser", "true");
        spec = spec with { Process = spec.Process with { User = "app2" } };
        var e = await Assert.ThrowsAsync<ContainerStartException>(() => fx.Runtime.StartAsync(spec, Ct));
        Assert.Equal(125, e.ExitCode);
        Assert.Equal("unable to find user app2: no matching entries in passwd file", e.Message);
    }

    [Fact]
    public async Task IgnoredSigtermSurvivesAndSigkillGives137()
    {
        Root.Require();
        var spec = fx.Spec("term", "sh", "-c", "trap '' TERM; echo ready; sleep 100");
        var state = await fx.Runtime.StartAsync(spec, Ct);
        await WaitForLogAsync(spec.Log.Path, "ready");
        fx.Runtime.Signal(state, Signals.SIGTERM);
        await Task.Delay(300, Ct);
        Assert.True(fx.Runtime.IsAlive(state));
        Assert.Null(fx.Runtime.ReadExit(spec.StateDir));
        fx.Runtime.Signal(state, Signals.SIGKILL);
        var exit = await fx.Runtime.WaitForExitAsync(spec.StateDir, state, Ct);
        Assert.Equal(137, exit.ExitCode);
        Assert.Equal(Signals.SIGKILL, exit.Signal);
        Assert.False(fx.Runtime.IsAlive(state));
    }

    [Fact]
    public async Task ANewRuntimeInstanceReadoptsARunningContainer()
    {
        Root.Require();
        var spec = fx.Spec("adopt", "sh", "-c", "trap 'exit 7' TERM; echo ready; while true; do sleep 0.1; done");
        await fx.Runtime.StartAsync(spec, Ct);
        await WaitForLogAsync(spec.Log.Path, "ready");

        var restarted = ContainerFixture.NewRuntime();
        var state = restarted.ReadState(spec.StateDir);
        Assert.NotNull(state);
        Assert.True(restarted.IsAlive(state));
        var wait = restarted.WaitForExitAsync(spec.StateDir, state, Ct);
        Assert.False(wait.IsCompleted);
        restarted.Signal(state, Signals.SIGTERM);
        var exit = await wait;
        Assert.Equal(7, exit.ExitCode);
        Assert.False(restarted.IsAlive(state));
    }

    [Fact]
    public async Task TheContainerOutlivesAnEngineKilledWithSigkill()
    {
        Root.Require();
        var spec = fx.Spec("orphan", "sh", "-c", "echo ready; sleep 0.5; echo later; exit 4");
        Directory.CreateDirectory(spec.StateDir);
        ShimFiles.WriteAtomic(Path.Combine(spec.StateDir, ShimFiles.Spec), spec, Portal.Engine.Spec.SpecJsonContext.Default.RuntimeSpec);
        // A stand-in engine: starts the shim as its child, then dies by SIGKILL while the container runs.
        using var engine = System.Diagnostics.Process.Start(new ProcessStartInfo("/bin/sh",
            ["-c", $"'{RepoPaths.InitBinary}' shim '{spec.StateDir}' & sleep 0.2; kill -9 $$"])
        { RedirectStandardOutput = true })!;
        Assert.StartsWith("ok ", await engine.StandardOutput.ReadLineAsync(Ct), StringComparison.Ordinal);
        await engine.WaitForExitAsync(Ct);
        Assert.Equal(137, engine.ExitCode);

        var state = fx.Runtime.ReadState(spec.StateDir);
        Assert.NotNull(state);
        Assert.True(fx.Runtime.IsAlive(state));
        var exit = await fx.Runtime.WaitForExitAsync(spec.StateDir, state, Ct);
        Assert.Equal(4, exit.ExitCode);
        Assert.Contains("later", await File.ReadAllTextAsync(spec.Log.Path, Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task InitIsBornInTheCgroupAndTheShimStepsBackOut()
    {
        Root.Require();
        var cgroup = $"/sys/fs/cgroup/pids/portal-test-{Guid.NewGuid():N}"[..60];
        Directory.CreateDirectory(cgroup);
        try
        {
            var spec = fx.Spec("cg", "sh", "-c", "cat /proc/self/cgroup | grep pids; echo ready; sleep 100");
            spec = spec with { CgroupProcsFiles = [Path.Combine(cgroup, "cgroup.procs")] };
            var state = await fx.Runtime.StartAsync(spec, Ct);
            await WaitForLogAsync(spec.Log.Path, "ready");
            var members = (await File.ReadAllLinesAsync(Path.Combine(cgroup, "cgroup.procs"), Ct)).Select(int.Parse).ToList();
            Assert.DoesNotContain(state.ShimPid, members);
            Assert.Contains(state.InitPid, members);
            // The cgroup namespace was created after joining, so its root is the container's cgroup.
            Assert.Contains(":pids:/\n", await File.ReadAllTextAsync(spec.Log.Path, Ct), StringComparison.Ordinal);
            var shimCgroups = await File.ReadAllTextAsync($"/proc/{state.ShimPid}/cgroup", Ct);
            Assert.DoesNotContain("portal-test-", shimCgroups, StringComparison.Ordinal);
            fx.Runtime.Signal(state, Signals.SIGKILL);
            await fx.Runtime.WaitForExitAsync(spec.StateDir, state, Ct);
        }
        finally
        {
            for (var i = 0; i < 50 && Directory.Exists(cgroup); i++)
            {
                try
                {
                    Directory.Delete(cgroup);
                }
                catch (IOException)
                {
                    await Task.Delay(100, Ct);
                }
            }
        }

        Assert.False(Directory.Exists(cgroup));
    }

    [Fact]
    public async Task TrueStartsAndExitsWithZero()
    {
        Root.Require();
        var times = new List<double>();
        for (var i = 0; i < 11; i++)
        {
            var spec = fx.Spec("true" + i, "true");
            var sw = Stopwatch.StartNew();
            var state = await fx.Runtime.StartAsync(spec, Ct);
            var exit = await fx.Runtime.WaitForExitAsync(spec.StateDir, state, Ct);
            times.Add(sw.Elapsed.TotalMilliseconds);
            Assert.Equal(0, exit.ExitCode);
        }

        times.Sort();
        TestContext.Current.TestOutputHelper?.WriteLine($"start+exit of `true`: median {times[5]:F1} ms, min {times[0]:F1}, max {times[^1]:F1}");
    }

    private static async Task WaitForLogAsync(string logPath, string text)
    {
        for (var i = 0; i < 100; i++)
        {
            if (File.Exists(logPath) && (await File.ReadAllTextAsync(logPath, Ct)).Contains(text, StringComparison.Ordinal))
            {
                return;
            }

            await Task.Delay(50, Ct);
        }

        Assert.Fail($"'{text}' never appeared in {logPath}");
    }
}
