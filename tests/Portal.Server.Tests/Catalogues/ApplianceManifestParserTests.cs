using Portal.Server.Catalogues.Manifests;

namespace Portal.Server.Tests.Catalogues;

public sealed class ApplianceManifestParserTests
{
    [Fact]
    public void Minimal_manifest_parses_into_the_model()
    {
        var m = ManifestYaml.Valid();
        Assert.Equal(1, m.Appliance.ManifestVersion);
        Assert.Equal("com.example.notes", m.Appliance.Id);
        Assert.Equal("1.2.0", m.Appliance.Version);
        Assert.Equal(new WebUi(8080, "/", "http"), m.Appliance.WebUi);
        Assert.Equal("web", m.Service.Name);
        Assert.Equal("example/notes:1.2.0", m.Service.Image);
        Assert.Equal(["data"], m.Volumes);
    }

    [Fact]
    public void Service_keys_of_the_allow_list_are_read()
    {
        var m = ManifestYaml.Valid(service: """
            command: sh -c 'echo "a b"' x
            entrypoint: ["/init"]
            environment:
              - A=1
              - B=x=y
            ports: [8080, "53/udp", {target: 9000, protocol: tcp, name: api}]
            volumes:
              - data:/srv/data:ro
              - {type: volume, source: data, target: /srv/more}
            working_dir: /srv
            user: 1000
            healthcheck:
              test: wget -q http://127.0.0.1:8080/
              interval: 1m30s
              timeout: 500ms
              retries: 3
              start_period: 10s
            cap_drop: [ALL]
            read_only: true
            tmpfs: /tmp
            mem_limit: 256m
            cpus: "0.5"
            labels: {tier: web, "org.example.x": 1}
            stop_signal: SIGQUIT
            stop_grace_period: 20s
            restart: on-failure:3
            x-notes: ignored
            """);
        var s = m.Service;
        Assert.Equal(["sh", "-c", "echo \"a b\"", "x"], s.Command);
        Assert.Equal(["/init"], s.Entrypoint);
        Assert.Equal([new("A", "1"), new("B", "x=y")], s.Environment);
        Assert.Equal([new ServicePort(8080), new ServicePort(53, "udp"), new ServicePort(9000)], s.Ports);
        Assert.Equal([new ServiceVolume("data", "/srv/data", true), new ServiceVolume("data", "/srv/more")], s.Volumes);
        Assert.Equal("/srv", s.WorkingDir);
        Assert.Equal("1000", s.User);
        Assert.Equal(["CMD-SHELL", "wget -q http://127.0.0.1:8080/"], s.Healthcheck!.Test);
        Assert.Equal(TimeSpan.FromSeconds(90), s.Healthcheck.Interval);
        Assert.Equal(TimeSpan.FromMilliseconds(500), s.Healthcheck.Timeout);
        Assert.Equal(3, s.Healthcheck.Retries);
        Assert.Equal(TimeSpan.FromSeconds(10), s.Healthcheck.StartPeriod);
        Assert.Equal(["ALL"], s.CapDrop);
        Assert.True(s.ReadOnly);
        Assert.Equal(["/tmp"], s.Tmpfs);
        Assert.Equal(256L << 20, s.MemoryLimitBytes);
        Assert.Equal(0.5, s.Cpus);
        Assert.Equal("1", s.Labels["org.example.x"]);
        Assert.Equal("SIGQUIT", s.StopSignal);
        Assert.Equal(TimeSpan.FromSeconds(20), s.StopGracePeriod);
        Assert.Equal("on-failure:3", s.Restart);
    }

    [Fact]
    public void Deploy_resource_limits_are_read()
    {
        var s = ManifestYaml.Valid(service: """
            deploy:
              resources:
                limits: {memory: 1Gi, cpus: 2, pids: 50}
            """).Service;
        Assert.Equal(1L << 30, s.MemoryLimitBytes);
        Assert.Equal(2.0, s.Cpus);
        Assert.Equal(50, s.PidsLimit);
    }

    [Theory]
    [InlineData("privileged: true", "services.web.privileged", "not allowed: privileged mode")]
    [InlineData("network_mode: host", "services.web.network_mode", "not allowed")]
    [InlineData("network_mode: bridge", "services.web.network_mode", "not allowed")]
    [InlineData("networks: [default]", "services.web.networks", "not allowed")]
    [InlineData("pid: host", "services.web.pid", "not allowed")]
    [InlineData("ipc: host", "services.web.ipc", "not allowed")]
    [InlineData("devices: [\"/dev/kvm:/dev/kvm\"]", "services.web.devices", "not allowed")]
    [InlineData("security_opt: [\"seccomp:unconfined\"]", "services.web.security_opt", "not allowed")]
    [InlineData("volumes: [\"/etc:/host-etc\"]", "services.web.volumes[0]", "not allowed: host bind mount of /etc")]
    [InlineData("volumes: [\"./data:/data\"]", "services.web.volumes[0]", "not allowed: host bind mount of ./data")]
    [InlineData("volumes: [{type: bind, source: /var/run/docker.sock, target: /var/run/docker.sock}]", "services.web.volumes[0]", "not allowed: host bind mount")]
    [InlineData("cap_add: [NET_ADMIN]", "services.web.cap_add[0]", "not allowed: NET_ADMIN is not disclosed")]
    [InlineData("cap_add: [ALL]", "services.web.cap_add[0]", "not allowed: ALL is not disclosed")]
    public void Vendor_policy_refuses(string serviceLine, string path, string message)
    {
        var problem = ManifestYaml.Single(service: serviceLine);
        Assert.Equal(path, problem.Path);
        Assert.StartsWith(message, problem.Message);
    }

    [Fact]
    public void Privileged_false_is_accepted() => ManifestYaml.Valid(service: "privileged: false");

    [Fact]
    public void Disclosed_capability_may_be_added_in_any_spelling()
    {
        var m = ManifestYaml.Valid(service: "cap_add: [cap_net_bind_service]", appliance: "security: {capabilities: [CAP_NET_BIND_SERVICE]}");
        Assert.Equal(["NET_BIND_SERVICE"], m.Service.CapAdd);
        Assert.Equal(["NET_BIND_SERVICE"], m.Appliance.Security.Capabilities);
    }

    [Fact]
    public void Vendor_host_mounts_must_be_empty()
    {
        var problem = ManifestYaml.Single(appliance: "security: {hostMounts: [/srv]}");
        Assert.Equal("x-appliance.security.hostMounts", problem.Path);
        Assert.StartsWith("not allowed", problem.Message);
    }

    [Fact]
    public void Admin_may_bind_disclosed_host_paths_only()
    {
        var ok = ManifestYaml.Parse(service: "volumes: [\"/srv/media:/media:ro\"]", appliance: "security: {hostMounts: [/srv/media]}", trust: ManifestTrust.Admin);
        Assert.True(ok.IsValid, string.Join("\n", ok.Problems));
        Assert.Equal(new ServiceVolume("/srv/media", "/media", true, HostPath: true), Assert.Single(ok.Manifest!.Service.Volumes));

        var undisclosed = ManifestYaml.Parse(service: "volumes: [\"/etc:/etc\"]", trust: ManifestTrust.Admin);
        var problem = Assert.Single(undisclosed.Problems);
        Assert.Equal("services.web.volumes[0]", problem.Path);
        Assert.StartsWith("host path /etc is not disclosed", problem.Message);
    }

    [Fact]
    public void Unknown_keys_are_errors_naming_their_path_and_position()
    {
        var result = ApplianceManifestParser.Parse("""
            x-appliance:
              manifestVersion: 1
              id: com.example.a
              version: 1.0.0
              title: A
              colour: red
            services:
              web:
                image: a
                ulimits: {nofile: 10}
            name: project
            """);
        Assert.Equal(
            [
                "name: unknown key (line 11, column 1)",
                "x-appliance.colour: unknown key (line 6, column 3)",
                "services.web.ulimits: unknown key (line 10, column 5)",
            ],
            result.Problems.Select(p => p.ToString()));
        Assert.All(result.Problems, p => Assert.NotNull(p.Line));
    }

    [Fact]
    public void Every_problem_in_one_file_is_reported()
    {
        var result = ApplianceManifestParser.Parse("""
            x-appliance:
              manifestVersion: 2
              id: Notes
              version: "1.2"
              title: Notes
              webUi: {port: 70000}
              config:
                properties:
                  when: {type: date}
                  size: {type: integer, default: big}
            services:
              web:
                image: a
                image: b
                privileged: true
                ports: ["8080:80"]
                environment:
                  X: ${config.nope}
                  Y: $HOME
                volumes: ["/:/host", "cache:/cache"]
                restart: sometimes
            """);
        var paths = result.Problems.Select(p => p.Path).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(
            new[]
            {
                "x-appliance.manifestVersion", "x-appliance.id", "x-appliance.version", "x-appliance.webUi.port",
                "x-appliance.config.properties.when.type", "x-appliance.config.properties.size.default",
                "services.web.image", "services.web.privileged", "services.web.ports[0]",
                "services.web.environment.X", "services.web.environment.Y",
                "services.web.volumes[0]", "services.web.volumes[1]", "services.web.restart",
            }.Order(StringComparer.Ordinal),
            paths);
        Assert.Contains(result.Problems, p => p.ToString() == "services.web.image: duplicate key (first at line 13, column 5) (line 14, column 5)");
    }

    [Theory]
    [InlineData("webUi: {port: web}", "x-appliance.webUi.port", "expected an integer, got \"web\"")]
    [InlineData("tagline: [a, b]", "x-appliance.tagline", "expected a string, got a list")]
    [InlineData("links: {homepage: example.com}", "x-appliance.links.homepage", "is not an http(s) URL")]
    [InlineData("icon: ../icon.png", "x-appliance.icon", "must be a relative path")]
    [InlineData("requirements: {memory: lots}", "x-appliance.requirements.memory", "is not a size")]
    [InlineData("requirements: {cpus: 0}", "x-appliance.requirements.cpus", "must be more than 0")]
    [InlineData("security: {capabilities: [FLY]}", "x-appliance.security.capabilities[0]", "\"FLY\" is not a Linux capability")]
    [InlineData("volumes: [cache]", "x-appliance.volumes[0]", "volume \"cache\" is not declared")]
    [InlineData("webUi: {scheme: ftp, port: 1}", "x-appliance.webUi.scheme", "must be http or https")]
    public void Appliance_block_values_are_checked(string applianceLine, string path, string message)
    {
        var result = ApplianceManifest(applianceLine);
        var problem = Assert.Single(result.Problems);
        Assert.Equal(path, problem.Path);
        Assert.Contains(message, problem.Message);
    }

    private static ManifestParseResult ApplianceManifest(string line) => ApplianceManifestParser.Parse($"""
        x-appliance:
          manifestVersion: 1
          id: com.example.a
          version: 1.0.0
          title: A
          {line}
        services:
          web: {"{"}image: a{"}"}
        """);

    [Theory]
    [InlineData("ports: [\"8080:80\"]", "services.web.ports[0]", "host ports are chosen by the portal")]
    [InlineData("ports: [{target: 80, published: 8080}]", "services.web.ports[0].published", "not allowed")]
    [InlineData("ports: [8080, 8080]", "services.web.ports[1]", "listed twice")]
    [InlineData("volumes: [\"/data\"]", "services.web.volumes[0]", "anonymous volumes")]
    [InlineData("volumes: [\"cache:/cache\"]", "services.web.volumes[0]", "volume \"cache\" is not declared")]
    [InlineData("volumes: [\"data:relative\"]", "services.web.volumes[0]", "must be an absolute path")]
    [InlineData("environment: [A]", "services.web.environment[0]", "needs a value")]
    [InlineData("environment: {A: }", "services.web.environment.A", "needs a value")]
    [InlineData("environment: [A=1, A=2]", "services.web.environment[1]", "A is set twice")]
    [InlineData("healthcheck: {test: [echo, hi]}", "services.web.healthcheck.test", "starts with CMD")]
    [InlineData("healthcheck: {test: CMD, interval: 10}", "services.web.healthcheck.interval", "is not a duration")]
    [InlineData("read_only: yes", "services.web.read_only", "expected true or false")]
    [InlineData("mem_limit: 1g\ndeploy: {resources: {limits: {memory: 1g}}}", "services.web.mem_limit", "give the memory limit once")]
    [InlineData("deploy: {replicas: 2}", "services.web.deploy.replicas", "unknown key")]
    [InlineData("command: \"echo 'open\"", "services.web.command", "a quote is not closed")]
    [InlineData("stop_signal: TERM", "services.web.stop_signal", "is not a signal")]
    [InlineData("cap_drop: [EVERYTHING]", "services.web.cap_drop[0]", "is not a Linux capability")]
    [InlineData("user: nobody", "services.web.user", "differs from x-appliance.security.runAs")]
    [InlineData("container_name: notes", "services.web.container_name", "not allowed")]
    public void Service_values_are_checked(string serviceLines, string path, string message)
    {
        var problem = ManifestYaml.Single(service: serviceLines, appliance: serviceLines.StartsWith("user", StringComparison.Ordinal) ? "security: {runAs: \"1000\"}" : "");
        Assert.Equal(path, problem.Path);
        Assert.Contains(message, problem.Message);
    }

    [Fact]
    public void Exactly_one_service_is_supported()
    {
        var result = ApplianceManifestParser.Parse(ManifestYaml.Build(top: "services2: {}").Replace("volumes:\n", "  db: {image: db}\nvolumes:\n", StringComparison.Ordinal));
        Assert.Contains(result.Problems, p => p.Path == "services" && p.Message.StartsWith("exactly one service is supported, found 2", StringComparison.Ordinal));
    }

    [Fact]
    public void Missing_blocks_are_reported()
    {
        var result = ApplianceManifestParser.Parse("volumes: {}");
        Assert.Equal(["services", "x-appliance"], result.Problems.Select(p => p.Path).Order(StringComparer.Ordinal));

        var missing = ApplianceManifestParser.Parse("x-appliance: {title: A}\nservices: {web: {command: [x]}}");
        Assert.Equal(
            ["services.web.image", "x-appliance.id", "x-appliance.manifestVersion", "x-appliance.version"],
            missing.Problems.Select(p => p.Path).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Syntax_error_reports_its_position()
    {
        var result = ApplianceManifestParser.Parse("x-appliance:\n  id: [a, b\nservices: {}\n");
        Assert.Null(result.Manifest);
        var problem = Assert.Single(result.Problems);
        Assert.StartsWith("YAML syntax error", problem.Message);
        Assert.NotNull(problem.Line);
    }

    [Fact]
    public void Empty_and_multi_document_files_are_refused()
    {
        Assert.Equal("the manifest is empty", Assert.Single(ApplianceManifestParser.Parse("").Problems).Message);
        Assert.Contains(ApplianceManifestParser.Parse(ManifestYaml.Build() + "\n---\na: 1\n").Problems, p => p.Message.StartsWith("only one YAML document", StringComparison.Ordinal));
    }

    [Fact]
    public void Anchors_aliases_and_merge_keys_work()
    {
        var result = ApplianceManifestParser.Parse("""
            x-defaults: &defaults
              restart: always
              read_only: true
            x-env: &env
              A: "1"

            """ + ManifestYaml.Build(service: "<<: *defaults\nrestart: \"no\"\nenvironment: *env"));
        Assert.True(result.IsValid, string.Join("\n", result.Problems));
        var m = result.Manifest!;
        Assert.Equal("no", m.Service.Restart);
        Assert.True(m.Service.ReadOnly);
        Assert.Equal([new("A", "1")], m.Service.Environment);
    }

    [Theory]
    [InlineData("version: 1.2.0", true)]
    [InlineData("version: 2.0.0-rc.1+build.5", true)]
    [InlineData("version: v1.2.0", false)]
    [InlineData("version: 1.2", false)]
    [InlineData("version: 01.2.3", false)]
    public void Version_must_be_semver(string line, bool valid)
    {
        var yaml = ManifestYaml.Build().Replace("version: 1.2.0", line, StringComparison.Ordinal);
        var result = ApplianceManifestParser.Parse(yaml);
        Assert.Equal(valid, result.IsValid);
        if (!valid)
        {
            Assert.Equal("x-appliance.version", Assert.Single(result.Problems).Path);
        }
    }

    [Theory]
    [InlineData("com.example.notes", true)]
    [InlineData("io.github.some-one.app2", true)]
    [InlineData("notes", false)]
    [InlineData("Com.Example.Notes", false)]
    [InlineData("com..notes", false)]
    [InlineData("com.-x.notes", false)]
    public void Id_must_be_reverse_dns(string id, bool valid) => Assert.Equal(valid, ManifestValues.IsReverseDns(id));
}
