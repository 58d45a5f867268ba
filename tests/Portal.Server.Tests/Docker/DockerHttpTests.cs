using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Portal.Engine.Cgroups;
using Portal.Engine.Containers;
using Portal.Engine.Events;
using Portal.Engine.Logs;
using Portal.Engine.Stats;

namespace Portal.Server.Tests.Docker;

/// <summary>The socket API over HttpClient: headers, versions, errors, JSON shapes and stream framing.</summary>
public sealed class DockerHttpTests : IAsyncLifetime
{
    private DockerApiServer server = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => server = await DockerApiServer.StartAsync();

    public async ValueTask DisposeAsync() => await server.DisposeAsync();

    [Fact]
    public async Task Ping_carries_docker_headers_for_get_and_head()
    {
        using var get = await server.Client.GetAsync("/_ping", Ct);
        using var head = await server.Client.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/_ping"), Ct);

        foreach (var response in new[] { get, head })
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("1.47", Header(response, "Api-Version"));
            Assert.Matches(@"^Docker/\d+\.\d+\.\d+ \(linux\)$", Header(response, "Server"));
            Assert.Equal("linux", Header(response, "Ostype"));
            Assert.Equal("false", Header(response, "Docker-Experimental"));
            Assert.Equal("1", Header(response, "Builder-Version"));
            Assert.Contains("no-cache", Header(response, "Cache-Control"), StringComparison.Ordinal);
            Assert.Equal("no-cache", Header(response, "Pragma"));
        }

        Assert.Equal("OK", await get.Content.ReadAsStringAsync(Ct));
        Assert.Equal("text/plain", get.Content.Headers.ContentType!.MediaType);
    }

    [Theory]
    [InlineData("/version")]
    [InlineData("/v1.24/version")]
    [InlineData("/v1.41/version")]
    [InlineData("/v1.47/version")]
    public async Task Version_answers_unversioned_and_in_range_prefixes(string path)
    {
        using var response = await server.Client.GetAsync(path, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = await JsonAsync(response);
        Assert.Equal("1.47", json.RootElement.GetProperty("ApiVersion").GetString());
        Assert.Equal("1.24", json.RootElement.GetProperty("MinAPIVersion").GetString());
        Assert.Equal("Engine", json.RootElement.GetProperty("Components")[0].GetProperty("Name").GetString());
        Assert.Equal("1.47", Header(response, "Api-Version"));
    }

    [Theory]
    [InlineData("/v1.12/version", "client version 1.12 is too old. Minimum supported API version is 1.24")]
    [InlineData("/v1.50/containers/json", "client version 1.50 is too new. Maximum supported API version is 1.47")]
    public async Task Out_of_range_versions_are_refused_with_docker_message(string path, string message)
    {
        using var response = await server.Client.GetAsync(path, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.StartsWith(message, await MessageAsync(response), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Errors_have_a_message_body_and_exactly_application_json()
    {
        using var response = await server.Client.GetAsync("/v1.47/containers/missing/json", Ct);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.GetValues("Content-Type").Single());
        Assert.Equal("{\"message\":\"No such container: missing\"}\n", await response.Content.ReadAsStringAsync(Ct));
    }

    [Fact]
    public async Task Success_json_has_exactly_application_json_too()
    {
        using var response = await server.Client.GetAsync("/containers/json", Ct);
        Assert.Equal("application/json", response.Content.Headers.GetValues("Content-Type").Single());
    }

    [Fact]
    public async Task Unknown_routes_are_404_naming_the_route()
    {
        using var response = await server.Client.GetAsync("/v1.47/nothing/here.txt", Ct);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("page not found: GET /nothing/here.txt", await MessageAsync(response));
    }

    [Fact]
    public async Task Engine_conflicts_map_to_409_and_state_no_ops_to_304()
    {
        server.Containers.Add("done", ContainerStatus.Exited);
        server.Containers.Add("web", ContainerStatus.Running);

        using var kill = await server.Client.PostAsync("/containers/done/kill", null, Ct);
        using var remove = await server.Client.DeleteAsync("/containers/web", Ct);
        using var stop = await server.Client.PostAsync("/containers/done/stop", null, Ct);
        using var start = await server.Client.PostAsync("/containers/web/start", null, Ct);
        using var removeMissing = await server.Client.DeleteAsync("/containers/missing?force=1", Ct);

        Assert.Equal(HttpStatusCode.Conflict, kill.StatusCode);
        Assert.Contains("is not running", await MessageAsync(kill), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Conflict, remove.StatusCode);
        Assert.Equal(HttpStatusCode.NotModified, stop.StatusCode);
        Assert.Equal(HttpStatusCode.NotModified, start.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, removeMissing.StatusCode);
    }

    [Fact]
    public async Task Create_maps_every_supported_field()
    {
        server.Images.Add("sha256:" + new string('b', 64), "localhost/probe:1");
        const string body = """
            {"Image":"localhost/probe:1","Cmd":["run","it"],"Entrypoint":"/init","Env":["A=1","EMPTY="],
             "WorkingDir":"/srv","User":"1000:1000","Labels":{"k":"v"},"Hostname":"box","Tty":true,
             "StopSignal":"SIGINT","StopTimeout":7,"ExposedPorts":{"8080/tcp":{}},"AttachStdout":true,
             "HostConfig":{"Memory":67108864,"MemorySwap":134217728,"NanoCpus":500000000,"CpuQuota":50000,
               "CpuPeriod":100000,"CpuShares":512,"PidsLimit":50,"RestartPolicy":{"Name":"on-failure","MaximumRetryCount":3},
               "AutoRemove":false,"NetworkMode":"default","PortBindings":{},"Binds":null,"Privileged":false,
               "LogConfig":{"Type":"","Config":{}},"MemorySwappiness":null},
             "NetworkingConfig":{"EndpointsConfig":{"default":{}}}}
            """;
        using var response = await PostJsonAsync("/v1.47/containers/create?name=web", body);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        using var json = await JsonAsync(response);
        Assert.Equal(64, json.RootElement.GetProperty("Id").GetString()!.Length);
        Assert.Equal(0, json.RootElement.GetProperty("Warnings").GetArrayLength());
        var request = server.Containers.LastCreate!;
        Assert.Equal("web", request.Name);
        Assert.Equal("localhost/probe:1", request.Image);
        Assert.Equal(["run", "it"], request.Cmd);
        Assert.Equal(["/init"], request.Entrypoint);
        Assert.Equal(["A=1", "EMPTY="], request.Env);
        Assert.Equal("/srv", request.WorkingDir);
        Assert.Equal("1000:1000", request.User);
        Assert.Equal("v", request.Labels["k"]);
        Assert.Equal("box", request.Hostname);
        Assert.True(request.Tty);
        Assert.Equal("SIGINT", request.StopSignal);
        Assert.Equal(7, request.StopTimeoutSeconds);
        Assert.Equal(["8080/tcp"], request.ExposedPorts);
        Assert.Equal(new ResourceLimits
        {
            MemoryBytes = 67108864,
            MemorySwapBytes = 134217728,
            NanoCpus = 500000000,
            CpuQuotaMicros = 50000,
            CpuPeriodMicros = 100000,
            CpuShares = 512,
            PidsLimit = 50,
        }, request.Resources);
        Assert.Equal(new RestartPolicy(RestartPolicyKind.OnFailure, 3), request.RestartPolicy);
        Assert.False(request.AutoRemove);
    }

    [Fact]
    public async Task Create_maps_capabilities_read_only_root_and_tmpfs_and_inspect_shows_them()
    {
        server.Images.Add("sha256:" + new string('b', 64), "localhost/probe:1");
        const string body = """
            {"Image":"localhost/probe:1","HostConfig":{"CapAdd":["CAP_NET_BIND_SERVICE"],"CapDrop":["ALL"],
              "ReadonlyRootfs":true,"Tmpfs":{"/tmp":"","/run":"rw,size=64m"}}}
            """;
        using var response = await PostJsonAsync("/v1.47/containers/create?name=locked", body);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var request = server.Containers.LastCreate!;
        Assert.Equal(["CAP_NET_BIND_SERVICE"], request.CapAdd);
        Assert.Equal(["ALL"], request.CapDrop);
        Assert.True(request.ReadonlyRootfs);
        Assert.Equal(new Dictionary<string, string> { ["/tmp"] = "", ["/run"] = "rw,size=64m" }, request.Tmpfs);

        using var inspect = await JsonAsync(await server.Client.GetAsync("/containers/locked/json", Ct));
        var host = inspect.RootElement.GetProperty("HostConfig");
        Assert.Equal("[\"CAP_NET_BIND_SERVICE\"]", host.GetProperty("CapAdd").GetRawText());
        Assert.Equal("[\"ALL\"]", host.GetProperty("CapDrop").GetRawText());
        Assert.True(host.GetProperty("ReadonlyRootfs").GetBoolean());
        Assert.Equal("rw,size=64m", host.GetProperty("Tmpfs").GetProperty("/run").GetString());
        Assert.Equal("", host.GetProperty("Tmpfs").GetProperty("/tmp").GetString());
    }

    [Fact]
    public async Task Without_security_options_inspect_shows_dockers_empty_values()
    {
        server.Containers.Add("plain", ContainerStatus.Created);
        using var inspect = await JsonAsync(await server.Client.GetAsync("/containers/plain/json", Ct));
        var host = inspect.RootElement.GetProperty("HostConfig");
        Assert.Equal(JsonValueKind.Null, host.GetProperty("CapAdd").ValueKind);
        Assert.Equal(JsonValueKind.Null, host.GetProperty("CapDrop").ValueKind);
        Assert.False(host.GetProperty("ReadonlyRootfs").GetBoolean());
        Assert.Equal(JsonValueKind.Null, host.GetProperty("Tmpfs").ValueKind);
    }

    [Theory]
    [InlineData("""{"Image":"localhost/probe:1","Entrypoint":[""]}""")]
    [InlineData("""{"Image":"localhost/probe:1","Entrypoint":""}""")]
    public async Task Empty_entrypoint_clears_the_image_entrypoint(string body)
    {
        server.Images.Add("sha256:" + new string('b', 64), "localhost/probe:1");
        using var response = await PostJsonAsync("/containers/create", body);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Empty(server.Containers.LastCreate!.Entrypoint!);
        Assert.Null(server.Containers.LastCreate.Cmd);
        Assert.Equal(RestartPolicy.No, server.Containers.LastCreate.RestartPolicy);
        Assert.Equal(ResourceLimits.None, server.Containers.LastCreate.Resources);
    }

    [Theory]
    [InlineData("""{"Privileged":true}""", "HostConfig.Privileged is not supported")]
    [InlineData("""{"Binds":["/:/host"]}""", "HostConfig.Binds: host path binds are not allowed: '/:/host'")]
    [InlineData("""{"Mounts":[{"Type":"bind","Source":"/etc","Target":"/x"}]}""", "HostConfig.Mounts: host path binds are not allowed: type=bind, source=/etc")]
    [InlineData("""{"Binds":["../evil:/x"]}""", "HostConfig.Binds: host path binds are not allowed: '../evil:/x'")]
    [InlineData("""{"Binds":["a/../../etc:/x"]}""", "HostConfig.Binds 'a/../../etc:/x': \"a/../../etc\" includes invalid characters")]
    [InlineData("""{"Mounts":[{"Type":"tmpfs","Target":"/t"}]}""", "HostConfig.Mounts: mount type 'tmpfs' is not supported")]
    [InlineData("""{"PortBindings":{"80-81/tcp":[{"HostPort":"8080"}]}}""", "HostConfig.PortBindings.80-81/tcp: host port \"8080\" has 1 port(s) but container ports \"80-81/tcp\" have 2")]
    [InlineData("""{"PortBindings":{"0/tcp":[{"HostPort":"8080"}]}}""", "HostConfig.PortBindings.0/tcp: invalid container port \"0\"")]
    [InlineData("""{"PortBindings":{"80/tcp":[{"HostPort":"65536"}]}}""", "HostConfig.PortBindings.80/tcp: invalid host port \"65536\"")]
    [InlineData("""{"PortBindings":{"80/tcp":[{"HostPort":"9010-9000"}]}}""", "HostConfig.PortBindings.80/tcp: invalid host port range \"9010-9000\": it ends before it starts")]
    [InlineData("""{"PortBindings":{"80/sctp":[{"HostPort":"8080"}]}}""", "HostConfig.PortBindings.80/sctp: invalid protocol \"sctp\" (want tcp or udp)")]
    [InlineData("""{"PortBindings":{"80/tcp":[{"HostIp":"localhost","HostPort":"8080"}]}}""", "HostConfig.PortBindings.80/tcp: invalid host IP \"localhost\"")]
    [InlineData("""{"NetworkMode":"container:web"}""", "HostConfig.NetworkMode \"container:web\" is not supported")]
    [InlineData("""{"SecurityOpt":["seccomp=unconfined"]}""", "HostConfig.SecurityOpt is not supported")]
    [InlineData("""{"CapAdd":[12]}""", "CapAdd: want strings")]
    [InlineData("""{"Tmpfs":["/tmp"]}""", "HostConfig.Tmpfs: want an object of strings")]
    [InlineData("""{"ReadonlyRootfs":"yes"}""", "ReadonlyRootfs: want true or false")]
    [InlineData("""{"Devices":[{"PathOnHost":"/dev/kvm"}]}""", "HostConfig.Devices is not supported")]
    [InlineData("""{"NetworkMode":"host"}""", "HostConfig.NetworkMode \"host\" is not supported")]
    [InlineData("""{"RestartPolicy":{"Name":"sometimes"}}""", "HostConfig.RestartPolicy.Name: invalid restart policy 'sometimes'")]
    public async Task Unsupported_or_invalid_host_config_is_refused_naming_the_field(string hostConfig, string message)
    {
        server.Images.Add("sha256:" + new string('b', 64), "localhost/probe:1");
        using var response = await PostJsonAsync("/containers/create", $$"""{"Image":"localhost/probe:1","HostConfig":{{hostConfig}}}""");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.StartsWith(message, await MessageAsync(response), StringComparison.Ordinal);
        Assert.Null(server.Containers.LastCreate);
    }

    [Fact]
    public async Task Create_maps_port_bindings_and_network_mode()
    {
        server.Images.Add("sha256:" + new string('b', 64), "localhost/probe:1");
        const string body = """
            {"Image":"localhost/probe:1","ExposedPorts":{"8080/tcp":{},"53/udp":{}},
             "HostConfig":{"NetworkMode":"bridge","PortBindings":{
               "8080/tcp":[{"HostIp":"127.0.0.1","HostPort":"18081"},{"HostIp":"","HostPort":"18082"}],
               "53/udp":[{"HostIp":"","HostPort":"5353"}]}}}
            """;
        using var response = await PostJsonAsync("/v1.47/containers/create", body);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var request = server.Containers.LastCreate!;
        Assert.Equal("bridge", request.NetworkMode);
        Assert.Equal(
            [new PortBinding(8080, "tcp", "127.0.0.1", 18081), new PortBinding(8080, "tcp", "", 18082), new PortBinding(53, "udp", "", 5353)],
            request.PortBindings);
    }

    [Fact]
    public async Task Create_maps_free_ports_ranges_and_publish_all()
    {
        server.Images.Add("sha256:" + new string('b', 64), "localhost/probe:1");
        const string body = """
            {"Image":"localhost/probe:1",
             "HostConfig":{"PublishAllPorts":true,"PortBindings":{
               "8080/tcp":[{"HostIp":"127.0.0.1","HostPort":""},{"HostIp":"","HostPort":"0"}],
               "80/tcp":[{"HostIp":"","HostPort":"9000-9010"}],
               "81-82/udp":[{"HostIp":"","HostPort":"8001-8002"}]}}}
            """;
        using var response = await PostJsonAsync("/v1.47/containers/create", body);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var request = server.Containers.LastCreate!;
        Assert.True(request.PublishAllPorts);
        Assert.Equal(
            [
                new PortBinding(8080, "tcp", "127.0.0.1", 0), new PortBinding(8080, "tcp", "", 0),
                new PortBinding(80, "tcp", "", 9000) { HostPortEnd = 9010 },
                new PortBinding(81, "udp", "", 8001), new PortBinding(82, "udp", "", 8002),
            ],
            request.PortBindings);
    }

    [Fact]
    public async Task Inspect_and_list_show_published_ports_and_the_endpoint()
    {
        var web = server.Containers.Add("web", ContainerStatus.Running);
        web.Details = web.Details with
        {
            Config = web.Details.Config with { ExposedPorts = ["8080/tcp"] },
            NetworkMode = NetworkModes.Bridge,
            PortBindings = [new PortBinding(8080, "tcp", "127.0.0.1", 18081), new PortBinding(8080, "tcp", "", 18082) { RequestedHostPort = "" }],
            NetworkSettings = new ContainerNetworkSettings
            {
                NetworkName = "bridge",
                NetworkId = new string('c', 64),
                IPAddress = "172.17.0.2",
                PrefixLength = 16,
                Gateway = "172.17.0.1",
                MacAddress = "02:42:ac:11:00:02",
                SandboxKey = "/run/netns/portal-x",
            },
        };

        using var inspect = await JsonAsync(await server.Client.GetAsync("/v1.47/containers/web/json", Ct));
        using var list = await JsonAsync(await server.Client.GetAsync("/v1.47/containers/json", Ct));

        var settings = inspect.RootElement.GetProperty("NetworkSettings");
        Assert.Equal("172.17.0.2", settings.GetProperty("IPAddress").GetString());
        Assert.Equal(16, settings.GetProperty("IPPrefixLen").GetInt32());
        Assert.Equal("172.17.0.1", settings.GetProperty("Gateway").GetString());
        Assert.Equal(
            """[{"HostIp":"127.0.0.1","HostPort":"18081"},{"HostIp":"0.0.0.0","HostPort":"18082"}]""",
            settings.GetProperty("Ports").GetProperty("8080/tcp").GetRawText());
        var bridge = settings.GetProperty("Networks").GetProperty("bridge");
        Assert.Equal("172.17.0.2", bridge.GetProperty("IPAddress").GetString());
        Assert.Equal(new string('c', 64), bridge.GetProperty("NetworkID").GetString());
        var host = inspect.RootElement.GetProperty("HostConfig");
        Assert.Equal("bridge", host.GetProperty("NetworkMode").GetString());
        Assert.Equal(
            """[{"HostIp":"127.0.0.1","HostPort":"18081"},{"HostIp":"","HostPort":""}]""",
            host.GetProperty("PortBindings").GetProperty("8080/tcp").GetRawText());
        var ports = list.RootElement[0].GetProperty("Ports");
        Assert.Equal(
            """[{"IP":"127.0.0.1","PrivatePort":8080,"PublicPort":18081,"Type":"tcp"},{"IP":"0.0.0.0","PrivatePort":8080,"PublicPort":18082,"Type":"tcp"}]""",
            ports.GetRawText());
    }

    [Fact]
    public async Task Inspect_has_docker_shape()
    {
        server.Containers.Add("fresh", ContainerStatus.Created);
        server.Containers.Add("limited", ContainerStatus.Running, pidsLimit: 50);

        using var fresh = await JsonAsync(await server.Client.GetAsync("/v1.41/containers/fresh/json", Ct));
        using var limited = await JsonAsync(await server.Client.GetAsync("/containers/limited/json", Ct));

        var root = fresh.RootElement;
        Assert.Equal("/fresh", root.GetProperty("Name").GetString());
        Assert.Equal("sleep", root.GetProperty("Path").GetString());
        Assert.Equal("1000", root.GetProperty("Args")[0].GetString());
        var state = root.GetProperty("State");
        Assert.Equal("created", state.GetProperty("Status").GetString());
        Assert.False(state.GetProperty("Running").GetBoolean());
        Assert.Equal("0001-01-01T00:00:00Z", state.GetProperty("StartedAt").GetString());
        Assert.Equal("0001-01-01T00:00:00Z", state.GetProperty("FinishedAt").GetString());
        foreach (var key in new[] { "Paused", "Restarting", "OOMKilled", "Dead", "Pid", "ExitCode", "Error" })
        {
            Assert.True(state.TryGetProperty(key, out _), key);
        }

        Assert.Equal(JsonValueKind.Null, root.GetProperty("HostConfig").GetProperty("PidsLimit").ValueKind);
        Assert.Equal("no", root.GetProperty("HostConfig").GetProperty("RestartPolicy").GetProperty("Name").GetString());
        Assert.Equal(JsonValueKind.Object, root.GetProperty("NetworkSettings").GetProperty("Networks").ValueKind);
        Assert.Equal(0, root.GetProperty("Mounts").GetArrayLength());
        Assert.Equal("localhost/probe:1", root.GetProperty("Config").GetProperty("Image").GetString());
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$", root.GetProperty("Created").GetString()!);
        Assert.Equal(50, limited.RootElement.GetProperty("HostConfig").GetProperty("PidsLimit").GetInt64());
        Assert.True(limited.RootElement.GetProperty("State").GetProperty("Running").GetBoolean());
    }

    [Theory]
    [InlineData("", "web")]
    [InlineData("all=1", "done,fresh,other,web")]
    [InlineData("all=1&filters=%7B%22name%22%3A%7B%22%5Ewe%22%3Atrue%7D%7D", "web")]
    [InlineData("all=1&filters=%7B%22name%22%3A%7B%22%5E%2Fdo%22%3Atrue%7D%7D", "done")]
    [InlineData("filters=%7B%22status%22%3A%7B%22exited%22%3Atrue%7D%7D", "done,other")]
    [InlineData("all=1&filters=%7B%22label%22%3A%7B%22tier%3Dfront%22%3Atrue%7D%7D", "fresh")]
    [InlineData("all=1&filters=%7B%22label%22%3A%5B%22tier%22%5D%7D", "fresh,other")]
    [InlineData("all=1&filters=%7B%22ancestor%22%3A%7B%22other%2Fimage%3A2%22%3Atrue%7D%7D", "other")]
    [InlineData("limit=1", "fresh")]
    public async Task List_applies_all_limit_and_filters(string query, string expected)
    {
        server.Containers.Add("web", ContainerStatus.Running, created: DateTimeOffset.UtcNow.AddMinutes(-9));
        server.Containers.Add("done", ContainerStatus.Exited, exitCode: 3, created: DateTimeOffset.UtcNow.AddMinutes(-8));
        server.Containers.Add("fresh", ContainerStatus.Created, labels: new Dictionary<string, string> { ["tier"] = "front" }, created: DateTimeOffset.UtcNow.AddMinutes(-1));
        server.Containers.Add("other", ContainerStatus.Exited, image: "other/image:2", labels: new Dictionary<string, string> { ["tier"] = "back" }, created: DateTimeOffset.UtcNow.AddMinutes(-7));

        using var json = await JsonAsync(await server.Client.GetAsync("/v1.47/containers/json?" + query, Ct));

        var names = json.RootElement.EnumerateArray().Select(c => c.GetProperty("Names")[0].GetString()!.TrimStart('/')).Order(StringComparer.Ordinal);
        Assert.Equal(expected, string.Join(',', names));
    }

    [Fact]
    public async Task List_items_have_docker_fields_and_status_texts()
    {
        server.Containers.Add("done", ContainerStatus.Exited, exitCode: 3);
        using var json = await JsonAsync(await server.Client.GetAsync("/containers/json?all=1", Ct));
        var item = json.RootElement[0];
        Assert.Equal("/done", item.GetProperty("Names")[0].GetString());
        Assert.Equal("exited", item.GetProperty("State").GetString());
        Assert.Matches(@"^Exited \(3\) \d seconds ago$", item.GetProperty("Status").GetString()!);
        Assert.Equal("sleep 1000", item.GetProperty("Command").GetString());
        Assert.Equal(0, item.GetProperty("Ports").GetArrayLength());
        Assert.True(item.GetProperty("Created").GetInt64() > 1_700_000_000);
        Assert.Equal(JsonValueKind.Object, item.GetProperty("NetworkSettings").GetProperty("Networks").ValueKind);
    }

    [Fact]
    public async Task Logs_are_framed_per_line_with_big_endian_lengths()
    {
        var container = server.Containers.Add("web", ContainerStatus.Running);
        container.Append(LogStream.Stdout, "out\n");
        container.Append(LogStream.Stderr, "error!\n");

        using var response = await server.Client.GetAsync("/v1.47/containers/web/logs?stdout=1&stderr=1", Ct);
        var bytes = await response.Content.ReadAsByteArrayAsync(Ct);

        Assert.Equal("application/vnd.docker.multiplexed-stream", response.Content.Headers.ContentType!.MediaType);
        byte[] expected = [1, 0, 0, 0, 0, 0, 0, 4, .. "out\n"u8, 2, 0, 0, 0, 0, 0, 0, 7, .. "error!\n"u8];
        Assert.Equal(expected, bytes);
    }

    [Fact]
    public async Task Logs_timestamps_have_nine_fraction_digits_and_tty_logs_are_raw()
    {
        var container = server.Containers.Add("web", ContainerStatus.Running);
        container.Append(LogStream.Stdout, "out\n", new DateTimeOffset(2026, 11, 27, 20, 37, 59, TimeSpan.Zero).AddTicks(1234567));
        var tty = server.Containers.Add("tty", ContainerStatus.Running, tty: true);
        tty.Append(LogStream.Stdout, "raw\n");

        var framed = await server.Client.GetByteArrayAsync("/containers/web/logs?stdout=1&timestamps=1", Ct);
        var raw = await server.Client.GetStringAsync("/containers/tty/logs?stdout=1&stderr=1", Ct);

        Assert.Equal("2026-11-27T20:37:59.123456700Z out\n", Encoding.ASCII.GetString(framed, 8, framed.Length - 8));
        Assert.Equal(framed.Length - 8, framed[7]);
        Assert.Equal("raw\n", raw);
    }

    [Fact]
    public async Task Logs_since_accepts_unix_seconds_with_a_fraction_and_tail_takes_the_last_lines()
    {
        var container = server.Containers.Add("web", ContainerStatus.Running);
        var at = DateTimeOffset.FromUnixTimeSeconds(1_800_000_000);
        container.Append(LogStream.Stdout, "old\n", at.AddSeconds(-1));
        container.Append(LogStream.Stdout, "new1\n", at.AddSeconds(1));
        container.Append(LogStream.Stdout, "new2\n", at.AddSeconds(2));

        var since = await server.Client.GetByteArrayAsync("/containers/web/logs?stdout=1&since=1800000000.000000000", Ct);
        var tail = await server.Client.GetByteArrayAsync("/containers/web/logs?stdout=1&tail=1", Ct);

        Assert.Equal("new1\nnew2\n", Payloads(since));
        Assert.Equal("new2\n", Payloads(tail));
    }

    [Theory]
    [InlineData(CgroupVersion.V1)]
    [InlineData(CgroupVersion.V2)]
    public async Task Stats_use_docker_keys_and_total_keys_only_on_v1(CgroupVersion version)
    {
        server.Containers.StatsCgroupVersion = version;
        server.Containers.Add("web", ContainerStatus.Running, pidsLimit: 50);

        using var json = await JsonAsync(await server.Client.GetAsync("/v1.47/containers/web/stats?stream=0", Ct));

        var root = json.RootElement;
        Assert.Equal("/web", root.GetProperty("name").GetString());
        Assert.Equal(3, root.GetProperty("pids_stats").GetProperty("current").GetInt64());
        Assert.Equal(50, root.GetProperty("pids_stats").GetProperty("limit").GetInt64());
        var cpu = root.GetProperty("cpu_stats");
        var precpu = root.GetProperty("precpu_stats");
        Assert.True(cpu.GetProperty("cpu_usage").GetProperty("total_usage").GetUInt64() > precpu.GetProperty("cpu_usage").GetProperty("total_usage").GetUInt64());
        Assert.True(precpu.GetProperty("system_cpu_usage").GetUInt64() > 0);
        Assert.Equal(2, cpu.GetProperty("online_cpus").GetInt32());
        Assert.True(cpu.TryGetProperty("throttling_data", out _));
        var memory = root.GetProperty("memory_stats");
        Assert.Equal(64L * 1024 * 1024, memory.GetProperty("limit").GetInt64());
        Assert.Equal(version == CgroupVersion.V1, memory.GetProperty("stats").TryGetProperty("total_inactive_file", out _));
        Assert.Equal(version == CgroupVersion.V1, memory.TryGetProperty("max_usage", out _));
        Assert.Equal(version == CgroupVersion.V1, cpu.GetProperty("cpu_usage").TryGetProperty("percpu_usage", out _));
        Assert.Equal("write", root.GetProperty("blkio_stats").GetProperty("io_service_bytes_recursive")[1].GetProperty("op").GetString());
        var eth0 = root.GetProperty("networks").GetProperty("eth0");
        Assert.Equal(726, eth0.GetProperty("rx_bytes").GetInt64());
        Assert.Equal(2260, eth0.GetProperty("tx_bytes").GetInt64());
        Assert.Equal(2, eth0.GetProperty("tx_packets").GetInt64());
        Assert.NotEqual("0001-01-01T00:00:00Z", root.GetProperty("preread").GetString());
    }

    [Fact]
    public async Task Stats_of_a_container_without_endpoints_have_no_networks_key()
    {
        server.Containers.StatsNetworks = new Dictionary<string, NetworkCounters>();
        server.Containers.Add("web", ContainerStatus.Running);

        using var json = await JsonAsync(await server.Client.GetAsync("/containers/web/stats?stream=0", Ct));

        Assert.False(json.RootElement.TryGetProperty("networks", out _), json.RootElement.GetRawText());
        Assert.True(json.RootElement.TryGetProperty("memory_stats", out _));
    }

    [Fact]
    public async Task Stats_stream_sends_one_line_per_sample_each_with_the_previous_one()
    {
        server.Containers.Add("web", ContainerStatus.Running);
        using var response = await server.Client.GetAsync("/containers/web/stats", HttpCompletionOption.ResponseHeadersRead, Ct);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(Ct));

        using var first = JsonDocument.Parse((await reader.ReadLineAsync(Ct))!);
        using var second = JsonDocument.Parse((await reader.ReadLineAsync(Ct))!);

        Assert.Equal(
            first.RootElement.GetProperty("cpu_stats").GetProperty("cpu_usage").GetProperty("total_usage").GetUInt64(),
            second.RootElement.GetProperty("precpu_stats").GetProperty("cpu_usage").GetProperty("total_usage").GetUInt64());
    }

    [Fact]
    public async Task Wait_sends_headers_while_the_container_still_runs_then_the_exit_code()
    {
        server.Containers.Add("web", ContainerStatus.Running);

        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1.47/containers/web/wait?condition=not-running");
        using var waiting = await server.Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, Ct);

        Assert.Equal(HttpStatusCode.OK, waiting.StatusCode);
        Assert.True((await server.Containers.InspectAsync("web", Ct)).State.Running);
        await server.Client.PostAsync("/containers/web/stop", null, Ct);
        Assert.Equal("{\"StatusCode\":143,\"Error\":null}\n", await waiting.Content.ReadAsStringAsync(Ct));
    }

    [Fact]
    public async Task Events_stream_one_json_object_per_line()
    {
        using var response = await server.Client.GetAsync("/v1.47/events?filters=%7B%22type%22%3A%7B%22container%22%3Atrue%7D%7D",
            HttpCompletionOption.ResponseHeadersRead, Ct);
        Assert.Equal("application/json", response.Content.Headers.GetValues("Content-Type").Single());
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(Ct));
        while (server.Events.Subscribers == 0)
        {
            await Task.Delay(10, Ct);
        }

        var time = DateTimeOffset.FromUnixTimeSeconds(1_795_812_628).AddTicks(9673449);
        server.Events.Publish(new EngineEvent("image", "load", "sha256:" + new string('c', 64), new Dictionary<string, string>(), time));
        server.Events.Publish(new EngineEvent("container", "die", new string('f', 64),
            new Dictionary<string, string> { ["name"] = "web", ["image"] = "localhost/probe:1", ["exitCode"] = "0" }, time));

        using var json = JsonDocument.Parse((await reader.ReadLineAsync(Ct))!);
        var root = json.RootElement;
        Assert.Equal("container", root.GetProperty("Type").GetString());
        Assert.Equal("die", root.GetProperty("Action").GetString());
        Assert.Equal(new string('f', 64), root.GetProperty("Actor").GetProperty("ID").GetString());
        Assert.Equal("web", root.GetProperty("Actor").GetProperty("Attributes").GetProperty("name").GetString());
        Assert.Equal("local", root.GetProperty("scope").GetString());
        Assert.Equal(1_795_812_628, root.GetProperty("time").GetInt64());
        Assert.Equal(1_795_812_628_967_344_900, root.GetProperty("timeNano").GetInt64());
        Assert.Equal("die", root.GetProperty("status").GetString());
        Assert.Equal("localhost/probe:1", root.GetProperty("from").GetString());
    }

    [Fact]
    public async Task Image_names_with_slashes_route_to_inspect_tag_and_remove()
    {
        server.Images.Add("sha256:" + new string('b', 64), "localhost/probe:1");

        using var inspect = await JsonAsync(await server.Client.GetAsync("/v1.47/images/localhost/probe:1/json", Ct));
        using var encoded = await server.Client.GetAsync("/images/localhost%2Fprobe:1/json", Ct);
        using var tag = await server.Client.PostAsync("/images/localhost/probe:1/tag?repo=localhost%2Fcopy&tag=2", null, Ct);
        using var remove = await server.Client.DeleteAsync("/images/localhost/copy:2", Ct);
        using var missing = await server.Client.GetAsync("/images/localhost/copy:2/json", Ct);

        Assert.Equal("sha256:" + new string('b', 64), inspect.RootElement.GetProperty("Id").GetString());
        Assert.Equal("layers", inspect.RootElement.GetProperty("RootFS").GetProperty("Type").GetString());
        Assert.Equal(HttpStatusCode.OK, encoded.StatusCode);
        Assert.Equal(HttpStatusCode.Created, tag.StatusCode);
        using var removed = await JsonAsync(remove);
        Assert.Equal("localhost/probe:1", removed.RootElement[0].GetProperty("Untagged").GetString());
        Assert.Equal("sha256:" + new string('b', 64), removed.RootElement[removed.RootElement.GetArrayLength() - 1].GetProperty("Deleted").GetString());
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task Pull_is_refused_with_a_clear_message()
    {
        using var response = await server.Client.PostAsync("/v1.47/images/create?fromImage=busybox&tag=latest", null, Ct);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("pulling images is not supported; load the image with docker load (requested busybox:latest)", await MessageAsync(response));
    }

    private static string Header(HttpResponseMessage response, string name) =>
        response.Headers.NonValidated.TryGetValues(name, out var values) || response.Content.Headers.NonValidated.TryGetValues(name, out values)
            ? values.ToString()
            : throw new Xunit.Sdk.XunitException($"missing header {name}");

    private static async Task<JsonDocument> JsonAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));

    private static async Task<string> MessageAsync(HttpResponseMessage response)
    {
        using var json = await JsonAsync(response);
        return json.RootElement.GetProperty("message").GetString()!;
    }

    private static string Payloads(byte[] frames)
    {
        var text = new StringBuilder();
        for (var at = 0; at < frames.Length;)
        {
            var length = System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(frames.AsSpan(at + 4));
            text.Append(Encoding.UTF8.GetString(frames, at + 8, length));
            at += 8 + length;
        }

        return text.ToString();
    }

    private Task<HttpResponseMessage> PostJsonAsync(string path, string body) =>
        server.Client.PostAsync(path, new StringContent(body, new MediaTypeHeaderValue("application/json")), Ct);
}
