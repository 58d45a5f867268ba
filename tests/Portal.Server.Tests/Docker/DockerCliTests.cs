using Portal.Engine.Containers;
using Portal.Engine.Logs;

namespace Portal.Server.Tests.Docker;

/// <summary>The stock docker CLI 28.2.2 (a client nobody here wrote) against the socket.</summary>
public sealed class DockerCliTests : IAsyncLifetime
{
    private DockerApiServer server = null!;

    public async ValueTask InitializeAsync() => server = await DockerApiServer.StartAsync();

    public async ValueTask DisposeAsync() => await server.DisposeAsync();

    [Fact]
    public async Task Version_shows_the_server_engine_and_api_version()
    {
        var (exit, stdout, stderr) = await server.DockerAsync("version");
        Assert.True(exit == 0, stderr);
        Assert.Contains("Server:", stdout, StringComparison.Ordinal);
        Assert.Contains("Engine:", stdout, StringComparison.Ordinal);
        Assert.Matches(@"API version:\s+1\.47 \(minimum version 1\.24\)", stdout);
    }

    [Fact]
    public async Task Info_reports_host_facts_and_counts()
    {
        server.Containers.Add("web", ContainerStatus.Running);
        server.Containers.Add("done", ContainerStatus.Exited);
        var (exit, stdout, stderr) = await server.DockerAsync("info", "--format",
            "{{.Containers}} {{.ContainersRunning}} {{.ContainersStopped}} {{.NCPU}} {{.Driver}} {{.OSType}} {{.CgroupVersion}}");
        Assert.True(exit == 0, stderr);
        var cgroup = File.Exists("/sys/fs/cgroup/cgroup.controllers") ? "2" : "1";
        Assert.Equal($"2 1 1 {Environment.ProcessorCount} overlay2 linux {cgroup}", stdout.Trim());
    }

    [Fact]
    public async Task Ps_shows_names_without_slash_and_docker_status_texts()
    {
        server.Containers.Add("web", ContainerStatus.Running);
        server.Containers.Add("done", ContainerStatus.Exited, exitCode: 3);
        server.Containers.Add("fresh", ContainerStatus.Created);

        var (exit, stdout, stderr) = await server.DockerAsync("ps", "-a", "--format", "{{.Names}}|{{.Status}}|{{.Image}}");

        Assert.True(exit == 0, stderr);
        var lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(3, lines.Length);
        Assert.Matches(@"^done\|Exited \(3\) \d+ seconds ago\|localhost/probe:1$", lines[0]);
        Assert.Equal("fresh|Created|localhost/probe:1", lines[1]);
        Assert.Matches(@"^web\|Up \d+ seconds\|localhost/probe:1$", lines[2]);
    }

    [Fact]
    public async Task Ps_table_has_the_name_column_without_slash()
    {
        server.Containers.Add("web", ContainerStatus.Running);
        var (exit, stdout, stderr) = await server.DockerAsync("ps");
        Assert.True(exit == 0, stderr);
        Assert.Matches(@"Up \d+ seconds\s+web\n", stdout);
    }

    [Fact]
    public async Task Logs_tail_with_timestamps_prints_the_last_lines_with_nanosecond_stamps()
    {
        var container = server.Containers.Add("web", ContainerStatus.Running);
        container.Append(LogStream.Stdout, "one\n");
        container.Append(LogStream.Stderr, "two\n");
        container.Append(LogStream.Stdout, "three\n");

        var (exit, stdout, stderr) = await server.DockerAsync("logs", "--tail", "2", "--timestamps", "web");

        Assert.True(exit == 0, stderr);
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{9}Z three\n$", stdout);
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{9}Z two\n$", stderr);
    }

    [Fact]
    public async Task Stats_no_stream_shows_name_cpu_and_memory()
    {
        server.Containers.Add("web", ContainerStatus.Running);

        var (exit, stdout, stderr) = await server.DockerAsync("stats", "--no-stream", "--format", "{{.Name}}|{{.CPUPerc}}|{{.MemUsage}}|{{.PIDs}}", "web");

        Assert.True(exit == 0, stderr);
        // Fake deltas: 0.5 s of CPU over 2 s of host time on 2 CPUs = 50 %; 4 MiB usage minus 1 MiB inactive_file.
        Assert.Equal("web|50.00%|3MiB / 64MiB|3", stdout.Trim());
    }

    [Fact]
    public async Task Stop_with_timeout_passes_it_and_prints_the_name()
    {
        server.Containers.Add("web", ContainerStatus.Running);
        var (exit, stdout, stderr) = await server.DockerAsync("stop", "-t", "2", "web");
        Assert.True(exit == 0, stderr);
        Assert.Equal("web", stdout.Trim());
        Assert.Equal(2, server.Containers.LastStop.Timeout);
    }

    [Fact]
    public async Task Kill_of_a_stopped_container_fails_with_the_engine_message()
    {
        server.Containers.Add("done", ContainerStatus.Exited);
        var (exit, _, stderr) = await server.DockerAsync("kill", "done");
        Assert.Equal(1, exit);
        Assert.StartsWith("Error response from daemon: Cannot kill container: done: Container ", stderr, StringComparison.Ordinal);
        Assert.Contains("is not running", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rm_force_of_a_missing_container_exits_zero()
    {
        var (exit, _, stderr) = await server.DockerAsync("rm", "-f", "missing");
        Assert.Equal(0, exit);
        Assert.Contains("No such container: missing", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Inspect_format_reads_exit_code_and_null_pids_limit()
    {
        server.Containers.Add("done", ContainerStatus.Exited, exitCode: 7);
        server.Containers.Add("limited", ContainerStatus.Running, pidsLimit: 50);

        var done = await server.DockerAsync("inspect", "-f", "{{.State.ExitCode}} {{.HostConfig.PidsLimit}} {{.Name}}", "done");
        var limited = await server.DockerAsync("inspect", "-f", "{{.State.Running}} {{.HostConfig.PidsLimit}}", "limited");

        Assert.True(done.ExitCode == 0, done.Stderr);
        Assert.Equal("7 <nil> /done", done.Stdout.Trim());
        Assert.Equal("true 50", limited.Stdout.Trim());
    }

    [Fact]
    public async Task Images_lists_repository_tag_and_short_id()
    {
        server.Images.Add("sha256:" + new string('b', 64), "localhost/probe:1");
        var (exit, stdout, stderr) = await server.DockerAsync("images");
        Assert.True(exit == 0, stderr);
        Assert.Matches(@"localhost/probe\s+1\s+bbbbbbbbbbbb\s+3 days ago\s+1\.23MB", stdout);
    }

    [Fact]
    public async Task Run_attached_prints_the_output_and_exits_with_the_container_code()
    {
        server.Images.Add("sha256:" + new string('b', 64), "localhost/probe:1");
        var (exit, stdout, stderr) = await server.DockerAsync("run", "--rm", "localhost/probe:1", "echo", "hi");
        Assert.True(stdout == "hi\n", $"stdout '{stdout}', stderr '{stderr}'");
        Assert.True(exit == 3, $"exit {exit}: {stderr}");
        Assert.True(server.Containers.LastCreate!.AutoRemove);
    }

    [Fact]
    public async Task Run_detached_prints_the_container_id()
    {
        server.Images.Add("sha256:" + new string('b', 64), "localhost/probe:1");
        var (exit, stdout, stderr) = await server.DockerAsync("run", "-d", "--name", "bg", "-e", "A=1", "--pids-limit", "50", "localhost/probe:1", "sleep", "100");
        Assert.True(exit == 0, stderr);
        var inspected = await server.Containers.InspectAsync("bg", TestContext.Current.CancellationToken);
        Assert.Equal(inspected.Id, stdout.Trim());
        Assert.True(inspected.State.Running);
        Assert.Equal(50, server.Containers.LastCreate!.Resources.PidsLimit);
        Assert.Equal(["A=1"], server.Containers.LastCreate.Env);
    }

    [Fact]
    public async Task Run_with_published_ports_maps_them_free_ports_ranges_and_publish_all()
    {
        server.Images.Add("sha256:" + new string('b', 64), "localhost/probe:1");
        var (exit, _, stderr) = await server.DockerAsync("run", "-d", "-p", "8080:80", "-p", "127.0.0.1:5353:53/udp", "localhost/probe:1");
        Assert.True(exit == 0, stderr);
        Assert.Equal(
            [new PortBinding(53, "udp", "127.0.0.1", 5353), new PortBinding(80, "tcp", "", 8080)],
            server.Containers.LastCreate!.PortBindings.OrderBy(p => p.ContainerPort));

        (exit, _, stderr) = await server.DockerAsync("run", "-d", "-P", "--expose", "70", "-p", "8080", "-p", "127.0.0.1::8081",
            "-p", "8000-8002:80-82", "-p", "9000-9010:90/udp", "localhost/probe:1");
        Assert.True(exit == 0, stderr);
        var request = server.Containers.LastCreate!;
        Assert.True(request.PublishAllPorts);
        Assert.Contains("70/tcp", request.ExposedPorts);
        Assert.Equal(
            [
                new PortBinding(80, "tcp", "", 8000), new PortBinding(81, "tcp", "", 8001), new PortBinding(82, "tcp", "", 8002),
                new PortBinding(90, "udp", "", 9000) { HostPortEnd = 9010 },
                new PortBinding(8080, "tcp", "", 0), new PortBinding(8081, "tcp", "127.0.0.1", 0),
            ],
            request.PortBindings.OrderBy(p => p.ContainerPort));

        var (refused, _, message) = await server.DockerAsync("run", "-d", "-p", "8080:80/sctp", "localhost/probe:1");
        Assert.Equal(125, refused);
        Assert.Contains("HostConfig.PortBindings.80/sctp: invalid protocol \"sctp\" (want tcp or udp)", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_of_a_missing_image_says_pull_is_not_supported()
    {
        var (exit, _, stderr) = await server.DockerAsync("run", "--rm", "nothere:1");
        Assert.Equal(125, exit);
        Assert.Contains("pulling images is not supported; load the image with docker load", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Load_prints_the_loaded_image_line()
    {
        var (exit, stdout, stderr) = await LoadAsync(new byte[10240]);
        Assert.True(exit == 0, stderr);
        Assert.Equal("Loaded image: localhost/loaded:1", stdout.Trim());
        Assert.Equal(10240, server.Images.LastLoadBytes);
    }

    [Fact]
    public async Task Load_of_a_bad_archive_prints_the_error_and_exits_one()
    {
        var (exit, _, stderr) = await LoadAsync("bad archive"u8.ToArray());
        Assert.Equal(1, exit);
        Assert.Contains("archive: not a tar file", stderr, StringComparison.Ordinal);
    }

    private async Task<(int ExitCode, string Stdout, string Stderr)> LoadAsync(byte[] archive)
    {
        var tar = Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N") + ".tar");
        await File.WriteAllBytesAsync(tar, archive, TestContext.Current.CancellationToken);
        try
        {
            return await server.DockerAsync("load", "-i", tar);
        }
        finally
        {
            File.Delete(tar);
        }
    }
}
