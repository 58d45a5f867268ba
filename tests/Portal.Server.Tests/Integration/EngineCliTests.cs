using System.Globalization;
using System.Text.RegularExpressions;
using Portal.Engine.Images;
using Portal.Server.Tests.TestSupport;

namespace Portal.Server.Tests.Integration;

/// <summary>The issue's "done when" list, driven by the stock docker CLI against the real engine.</summary>
[Trait("Category", Root.Category)]
[Collection(HostNetworkCollection.Name)]
public sealed partial class EngineCliTests(PortalServerFixture fixture) : IClassFixture<PortalServerFixture>
{
    private async Task<PortalServerProcess> ServerAsync()
    {
        Root.Require();
        return await fixture.GetAsync();
    }

    private int LayerCount() => Directory.GetDirectories(Path.Combine(fixture.DataDirectory, "engine", "layers")).Length;

    [Fact]
    public async Task Load_accepts_oci_and_docker_archives_and_stores_layers_once()
    {
        var server = await ServerAsync();
        var layers = LayerCount();
        Assert.Equal(3, layers);

        var again = await server.OkAsync("load", "-i", TestImages.WriteOciArchive(fixture.Directory));
        var docker = await server.OkAsync("load", "-i", TestImages.WriteDockerArchive(fixture.Directory, "localhost/portal-test/busybox:docker"));

        Assert.Contains("Loaded image: " + TestImages.Tag, again, StringComparison.Ordinal);
        Assert.Contains("Loaded image: localhost/portal-test/busybox:docker", docker, StringComparison.Ordinal);
        Assert.Equal(layers, LayerCount());
        var images = await server.OkAsync("images", "--format", "{{.Repository}}:{{.Tag}}");
        Assert.Contains(TestImages.Tag, images, StringComparison.Ordinal);
        Assert.Contains("localhost/portal-test/busybox:docker", images, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_container_has_hostname_hosts_and_resolv_conf_and_by_default_a_bridge_address_in_hosts()
    {
        var server = await ServerAsync();
        const string script = "cat /etc/hostname; echo ---; cat /etc/hosts; echo ---; cat /etc/resolv.conf";

        var loopback = (await server.OkAsync("run", "--rm", "--network", "none", "--hostname", "etcbox", TestImages.Tag, "sh", "-c", script)).Split("---\n");
        var bridged = (await server.OkAsync("run", "--rm", "--hostname", "bridgebox", TestImages.Tag, "sh", "-c",
            "ip -4 -o addr show eth0 | awk '{print $4}' | cut -d/ -f1; echo ---; " + script)).Split("---\n");

        Assert.Equal("etcbox\n", loopback[0]);
        Assert.StartsWith("127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n", loopback[1], StringComparison.Ordinal);
        Assert.DoesNotContain("etcbox", loopback[1], StringComparison.Ordinal);
        var nameservers = loopback[2].Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.NotEmpty(nameservers);
        Assert.All(nameservers.Where(l => l.StartsWith("nameserver ", StringComparison.Ordinal)),
            l => Assert.False(System.Net.IPAddress.IsLoopback(System.Net.IPAddress.Parse(l["nameserver ".Length..]))));
        Assert.Contains(nameservers, l => l.StartsWith("nameserver ", StringComparison.Ordinal));
        var address = bridged[0].Trim();
        Assert.True(System.Net.IPAddress.TryParse(address, out _), $"eth0 address: '{bridged[0]}'");
        Assert.Equal("bridgebox\n", bridged[1]);
        Assert.EndsWith($"\n{address}\tbridgebox\n", bridged[2], StringComparison.Ordinal);
        Assert.Equal(loopback[2], bridged[3]);
    }

    [Fact]
    public async Task Run_rm_prints_output_of_an_isolated_pid_1()
    {
        var server = await ServerAsync();
        const string script =
            "echo pid=$$; echo host=$(hostname); echo nets=$(ls /sys/class/net | tr '\\n' ' '); " +
            "grep -E 'CapEff|NoNewPrivs' /proc/self/status; echo kcore=$(cat /proc/kcore | wc -c); " +
            "echo timer_list=$(cat /proc/timer_list | wc -c); echo interrupts=$(cat /proc/interrupts | wc -c); " +
            "(echo b > /proc/sysrq-trigger) 2>/dev/null && echo sysrq=written || echo sysrq=refused; " +
            "ls /etc/doomed 2>/dev/null || echo doomed=absent; echo data=$(ls /data | tr '\\n' ' '); " +
            "echo cwd=$(pwd); echo greeting=$GREETING; echo user=$(id -u)";

        var stdout = await server.OkAsync("run", "--rm", "--network", "none", "--name", "isolated", "--hostname", "appliance", TestImages.Tag, "sh", "-c", script);

        var lines = stdout.Split('\n', StringSplitOptions.TrimEntries);
        Assert.Contains("pid=1", lines);
        Assert.Contains("host=appliance", lines);
        Assert.Contains("nets=lo", lines);
        Assert.Contains(lines, l => Regex.IsMatch(l, @"^CapEff:\s+00000000a80425fb$"));
        Assert.Contains(lines, l => Regex.IsMatch(l, @"^NoNewPrivs:\s+1$"));
        // A masked path reads empty inside; that proves something only where the host's file has content.
        // Not every host has /proc/kcore (this build machine kind has none), so two files Debian kernels always have come first.
        Assert.NotEmpty(await File.ReadAllBytesAsync("/proc/timer_list", TestContext.Current.CancellationToken));
        Assert.NotEmpty(await File.ReadAllBytesAsync("/proc/interrupts", TestContext.Current.CancellationToken));
        Assert.Contains("timer_list=0", lines);
        Assert.Contains("interrupts=0", lines);
        Assert.Contains("kcore=0", lines);
        Assert.Contains("sysrq=refused", lines);
        Assert.Contains("doomed=absent", lines);
        Assert.Contains("data=c", lines);
        Assert.Contains("cwd=/srv/app", lines);
        Assert.Contains("greeting=" + TestImages.Greeting, lines);
        Assert.Contains("user=0", lines);
        var (_, all, _) = await server.DockerAsync("ps", "-a", "--filter", "name=isolated", "-q");
        Assert.Equal("", all.Trim());
    }

    [Fact]
    public async Task Run_reports_the_exit_code_and_a_missing_executable()
    {
        var server = await ServerAsync();

        var (code, _, _) = await server.DockerAsync("run", "--rm", TestImages.Tag, "sh", "-c", "exit 3");
        var (missing, _, stderr) = await server.DockerAsync("run", "--rm", TestImages.Tag, "nosuch");

        Assert.Equal(3, code);
        Assert.Equal(127, missing);
        Assert.Contains("nosuch", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Memory_limit_kills_a_process_that_outgrows_it_and_inspect_says_OOMKilled()
    {
        var server = await ServerAsync();

        await server.OkAsync("run", "-d", "--name", "hog", "-m", "32m", TestImages.Tag, "sh", "-c", "tail /dev/zero");
        var (code, _, _) = await server.DockerAsync("wait", "hog");
        var state = await server.OkAsync("inspect", "-f", "{{.State.OOMKilled}} {{.State.ExitCode}}", "hog");

        Assert.Equal(0, code);
        Assert.Equal("true 137", state.Trim());
        await server.OkAsync("rm", "hog");
    }

    [Fact]
    public async Task Pids_limit_stops_a_fork_loop()
    {
        var server = await ServerAsync();
        // busybox sh gives up at the first failed fork ("can't fork"); every started sleep counts against the limit.
        const string script = "for n in $(seq 60); do sleep 5 & echo started; done";

        var (code, stdout, stderr) = await server.DockerAsync("run", "--rm", "--pids-limit", "20", TestImages.Tag, "sh", "-c", script);

        var started = stdout.Split('\n').Count(l => l == "started");
        Assert.NotEqual(0, code);
        Assert.InRange(started, 1, 19);
        Assert.Contains("fork", stderr, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Half_a_cpu_holds_a_busy_loop_near_half_a_core()
    {
        var server = await ServerAsync();
        await server.OkAsync("run", "-d", "--name", "spin", "--cpus", "0.5", "-m", "64m", TestImages.Tag, "sh", "-c", "while :; do :; done");
        await Task.Delay(TimeSpan.FromSeconds(2), TestContext.Current.CancellationToken);

        // Several readings: the quota caps each one, but a busy host can leave the loop below its share in one.
        var readings = new List<double>();
        string[] cells = [];
        for (var i = 0; i < 5 && !readings.Any(r => r >= 30); i++)
        {
            var row = await server.OkAsync("stats", "--no-stream", "--format", "{{.Name}}|{{.CPUPerc}}|{{.MemUsage}}|{{.PIDs}}", "spin");
            cells = row.Trim().Split('|');
            readings.Add(double.Parse(cells[1].TrimEnd('%'), CultureInfo.InvariantCulture));
        }

        Assert.Equal("spin", cells[0]);
        // docker stats normalises by the host's CPU count, so half a core is about 50 % of one core's share.
        Assert.All(readings, r => Assert.True(r <= 70, $"CPU readings {string.Join(", ", readings)}: one is over the 0.5 CPU quota"));
        Assert.InRange(readings.Max(), 30, 70);
        Assert.EndsWith("/ 64MiB", cells[2], StringComparison.Ordinal);
        Assert.Equal("1", cells[3]);
        await server.OkAsync("rm", "-f", "spin");
    }

    [Fact]
    public async Task Logs_tail_with_timestamps_and_follow_until_exit()
    {
        var server = await ServerAsync();
        // The test signals each step instead of sleeping: stdout and stderr are separate pipes, so their order in
        // the log is only certain for a line written after the other stream's line is already stored, and a loaded
        // machine outlasts any sleep.
        await server.OkAsync("run", "-d", "--name", "talker", TestImages.Tag, "sh", "-c",
            "trap 'echo oops >&2' USR2; trap 'echo done; exit 0' USR1; for i in $(seq 1 10); do echo line$i; done; while :; do sleep 0.1; done");
        await UntilLogsShowAsync(server, "talker", (stdout, _) => stdout.Contains("line10", StringComparison.Ordinal));
        await server.OkAsync("kill", "-s", "USR2", "talker");
        await UntilLogsShowAsync(server, "talker", (_, stderr) => stderr.Contains("oops", StringComparison.Ordinal));

        var tail = await server.OkAsync("logs", "--tail", "5", "--timestamps", "talker");
        var following = server.DockerAsync("logs", "-f", "talker");
        await server.OkAsync("kill", "-s", "USR1", "talker");
        var followed = await following;

        var tailLines = tail.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(4, tailLines.Length); // stdout only: line7..line10 (oops went to stderr)
        Assert.All(tailLines, l => Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{9}Z line(7|8|9|10)$", l));
        Assert.Equal(0, followed.ExitCode);
        Assert.EndsWith("line10\ndone\n", followed.Stdout, StringComparison.Ordinal);
        Assert.Equal("oops\n", followed.Stderr);
        await server.OkAsync("rm", "talker");
    }

    private static async Task UntilLogsShowAsync(PortalServerProcess server, string container, Func<string, string, bool> shown)
    {
        for (var i = 0; i < 200; i++)
        {
            var (_, stdout, stderr) = await server.DockerAsync("logs", container);
            if (shown(stdout, stderr))
            {
                return;
            }

            await Task.Delay(50, TestContext.Current.CancellationToken);
        }

        Assert.Fail($"the logs of {container} never showed what the test waited for");
    }

    [Fact]
    public async Task Stop_of_a_process_ignoring_SIGTERM_ends_with_137_and_rm_f_removes()
    {
        var server = await ServerAsync();
        await server.OkAsync("run", "-d", "--name", "stubborn", TestImages.Tag, "sh", "-c", "trap '' TERM; while :; do sleep 1; done");

        await server.OkAsync("stop", "-t", "2", "stubborn");
        var code = await server.OkAsync("inspect", "-f", "{{.State.ExitCode}} {{.State.Status}}", "stubborn");
        await server.OkAsync("start", "stubborn");
        await server.OkAsync("rm", "-f", "stubborn");
        var left = await server.OkAsync("ps", "-a", "--filter", "name=stubborn", "-q");

        Assert.Equal("137 exited", code.Trim());
        Assert.Equal("", left.Trim());
    }

    [Fact]
    public async Task Hostile_archive_is_refused_and_leaves_the_store_as_it_was()
    {
        var server = await ServerAsync();
        var before = await server.OkAsync("images", "-q");
        var layers = LayerCount();
        var canary = Path.Combine(fixture.Directory, "escape");
        var path = Path.Combine(fixture.Directory, "hostile.tar");
        await using (var file = File.Create(path))
        {
            OciImageWriter.WriteOciArchive(new ImageBuild
            {
                Tags = ["localhost/hostile:1"],
                Layers = [LayerSource.FromEntries(LayerEntry.File("../../../escape", "pwned"))],
            }, file);
        }

        var (code, stdout, stderr) = await server.DockerAsync("load", "-i", path);

        Assert.NotEqual(0, code);
        Assert.Contains("../../../escape", stdout + stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(canary));
        Assert.Equal(before, await server.OkAsync("images", "-q"));
        Assert.Equal(layers, LayerCount());
    }
}
