using System.Globalization;
using System.Text.RegularExpressions;
using Portal.Server.Catalogues.Manifests.Yaml;

namespace Portal.Server.Catalogues.Manifests;

public sealed partial class ApplianceManifestParser
{
    private static readonly Dictionary<string, string> RefusedServiceKeys = new(StringComparer.Ordinal)
    {
        ["network_mode"] = "appliances run on the portal's network",
        ["networks"] = "appliances run on the portal's network",
        ["pid"] = "appliances do not share the host's or another container's PID namespace",
        ["ipc"] = "appliances do not share the host's or another container's IPC namespace",
        ["devices"] = "host devices are refused for appliances",
        ["security_opt"] = "security options (seccomp, AppArmor, no-new-privileges) are the portal's to set",
        ["build"] = "appliances ship an image; build is not supported",
        ["container_name"] = "the portal names containers after the deployment",
        ["volumes_from"] = "appliances do not share volumes with other containers",
        ["userns_mode"] = "appliances do not choose their user namespace",
        ["cgroup_parent"] = "the portal places containers in its own cgroups",
    };

    private static readonly string[] RestartPolicies = ["no", "always", "on-failure", "unless-stopped"];

    private ApplianceService ReadServices(YNode node, ApplianceInfo info, List<string> declaredVolumes)
    {
        if (_r.Map(node, "services") is not { } map)
        {
            return new ApplianceService();
        }

        if (map.Entries.Count != 1)
        {
            _r.Error("services", $"exactly one service is supported, found {map.Entries.Count}", node);
            if (map.Entries.Count == 0)
            {
                return new ApplianceService();
            }
        }
        var (key, value) = map.Entries[0];
        var path = ManifestPath.Key("services", key.Value);
        if (!ServiceName().IsMatch(key.Value))
        {
            _r.Error(path, "a service name is lower-case letters, digits, '_', '.' or '-'", key);
        }

        return ReadService(key.Value, value, path, info, declaredVolumes);
    }

    private ApplianceService ReadService(string name, YNode node, string path, ApplianceInfo info, List<string> declaredVolumes)
    {
        var s = new ApplianceService { Name = name };
        YNode? memLimit = null, deployMemory = null;
        foreach (var (key, value, p) in _r.Entries(node, path))
        {
            switch (key.Value)
            {
                case "image": s = s with { Image = Checked(value, p, i => i.Length > 0 && !i.Any(char.IsWhiteSpace), "is not an image reference") }; break;
                case "command": s = s with { Command = ReadCommand(value, p, info.Config) }; break;
                case "entrypoint": s = s with { Entrypoint = ReadCommand(value, p, info.Config) }; break;
                case "environment": s = s with { Environment = ReadEnvironment(value, p, info.Config) }; break;
                case "ports": s = s with { Ports = ReadPorts(value, p) }; break;
                case "volumes": s = s with { Volumes = ReadServiceVolumes(value, p, info.Security, declaredVolumes) }; break;
                case "working_dir": s = s with { WorkingDir = Checked(value, p, d => d.StartsWith('/'), "must be an absolute path") }; break;
                case "user": s = s with { User = _r.Text(value, p) ?? "" }; break;
                case "healthcheck": s = s with { Healthcheck = ReadHealthcheck(value, p) }; break;
                case "cap_add": s = s with { CapAdd = ReadCapAdd(value, p, info.Security) }; break;
                case "cap_drop": s = s with { CapDrop = ReadCapabilities(value, p, allowAll: true) }; break;
                case "read_only": s = s with { ReadOnly = _r.Bool(value, p) ?? false }; break;
                case "tmpfs": s = s with { Tmpfs = ReadTmpfs(value, p) }; break;
                case "mem_limit": memLimit = value; s = s with { MemoryLimitBytes = ReadByteSize(value, p) }; break;
                case "cpus": s = s with { Cpus = ReadCpus(value, p) }; break;
                case "deploy": s = ReadDeploy(value, p, s, ref deployMemory); break;
                case "labels": s = s with { Labels = ReadLabels(value, p) }; break;
                case "stop_signal": s = s with { StopSignal = Checked(value, p, v => Signal().IsMatch(v), "is not a signal (like SIGTERM)") }; break;
                case "stop_grace_period": s = s with { StopGracePeriod = ReadDuration(value, p) }; break;
                case "restart": s = s with { Restart = ReadRestart(value, p) }; break;
                case "privileged":
                    if (value is not YScalar { AsBool: false })
                    {
                        _r.NotAllowed(p, "privileged mode is refused for appliances", key);
                    }

                    break;
                default:
                    if (RefusedServiceKeys.TryGetValue(key.Value, out var reason))
                    {
                        _r.NotAllowed(p, reason, key);
                    }
                    else if (!key.Value.StartsWith("x-", StringComparison.Ordinal))
                    {
                        _r.Unknown(p, key);
                    }

                    break;
            }
        }
        if (memLimit is not null && deployMemory is not null)
        {
            _r.Error(ManifestPath.Key(path, "mem_limit"), "give the memory limit once: mem_limit or deploy.resources.limits.memory", memLimit);
        }

        if (node is YMap map && map["image"] is null)
        {
            _r.Error(ManifestPath.Key(path, "image"), "missing", node);
        }

        if (s.User.Length > 0 && info.Security.RunAs.Length > 0 && s.User != info.Security.RunAs)
        {
            _r.Error(ManifestPath.Key(path, "user"), $"\"{s.User}\" differs from x-appliance.security.runAs \"{info.Security.RunAs}\"", (node as YMap)?["user"]);
        }

        return s;
    }

    private List<string>? ReadCommand(YNode value, string path, ConfigSchema config)
    {
        List<string>? words;
        if (value is YScalar { IsNull: false } one)
        {
            words = ShellWords.Split(one.Value);
            if (words is null)
            {
                _r.Error(path, "a quote is not closed", value);
            }
        }
        else
        {
            words = _r.Strings(value, path);
        }
        if (words is not null)
        {
            CheckInterpolation(words, path, value, config);
        }

        return words;
    }

    private void CheckInterpolation(IEnumerable<string> templates, string path, YNode at, ConfigSchema config)
    {
        foreach (var template in templates)
        {
            var (keys, errors) = ConfigInterpolation.Inspect(template);
            foreach (var error in errors)
            {
                _r.Error(path, error, at);
            }

            foreach (var key in keys.Where(k => config.Find(k) is null))
            {
                _r.Error(path, $"${{config.{key}}} names no setting in x-appliance.config", at);
            }
        }
    }

    private List<KeyValuePair<string, string>> ReadEnvironment(YNode node, string path, ConfigSchema config)
    {
        var variables = new List<KeyValuePair<string, string>>();
        void Add(string name, string? text, string p, YNode at)
        {
            if (name.Length == 0 || name.Contains('=', StringComparison.Ordinal) || name.Any(char.IsWhiteSpace))
            {
                _r.Error(p, $"\"{name}\" is not a variable name", at);
            }
            else if (text is null)
            {
                _r.Error(p, "needs a value: Portal does not pass the host's environment", at);
            }
            else if (variables.Any(v => v.Key == name))
            {
                _r.Error(p, $"{name} is set twice", at);
            }
            else
            {
                CheckInterpolation([text], p, at, config);
                variables.Add(new(name, text));
            }
        }
        if (node is YSequence seq)
        {
            for (var i = 0; i < seq.Items.Count; i++)
            {
                var p = ManifestPath.Item(path, i);
                if (_r.String(seq.Items[i], p) is not { } item)
                {
                    continue;
                }

                var eq = item.IndexOf('=', StringComparison.Ordinal);
                Add(eq < 0 ? item : item[..eq], eq < 0 ? null : item[(eq + 1)..], p, seq.Items[i]);
            }
            return variables;
        }
        foreach (var (key, value, p) in _r.Entries(node, path))
        {
            if (value is YScalar s)
            {
                Add(key.Value, s.IsNull ? null : s.Value, p, value);
            }
            else
            {
                _r.Error(p, $"expected a string, got {value.Describe()}", value);
            }
        }
        return variables;
    }

    private List<ServicePort> ReadPorts(YNode node, string path)
    {
        var ports = new List<ServicePort>();
        foreach (var (item, p) in _r.Items(node, path))
        {
            var port = item is YMap ? ReadLongPort(item, p) : ReadShortPort(item, p);
            if (port is null)
            {
                continue;
            }

            if (ports.Contains(port))
            {
                _r.Error(p, $"{port} is listed twice", item);
            }
            else
            {
                ports.Add(port);
            }
        }
        return ports;
    }

    private ServicePort? ReadShortPort(YNode item, string path)
    {
        if (_r.String(item, path) is not { } text)
        {
            return null;
        }

        var m = ContainerPort().Match(text);
        if (m.Success && int.TryParse(m.Groups[1].Value, CultureInfo.InvariantCulture, out var number) && number is >= 1 and <= 65535)
        {
            return new ServicePort(number, m.Groups[2].Success ? m.Groups[2].Value : "tcp");
        }

        _r.Error(path, text.Contains(':', StringComparison.Ordinal)
            ? $"\"{text}\": host ports are chosen by the portal; give the container port only (like 8080 or \"8080/udp\")"
            : $"\"{text}\" is not a container port (like 8080 or \"8080/udp\")", item);
        return null;
    }

    private ServicePort? ReadLongPort(YNode item, string path)
    {
        int? target = null;
        var protocol = "tcp";
        foreach (var (key, value, p) in _r.Entries(item, path))
        {
            switch (key.Value)
            {
                case "target": target = (int?)_r.Integer(value, p, 1, 65535); break;
                case "protocol": protocol = Checked(value, p, v => v is "tcp" or "udp", "must be tcp or udp"); break;
                case "name" or "app_protocol": _r.String(value, p); break;
                case "published" or "host_ip" or "mode":
                    _r.NotAllowed(p, "host ports are chosen by the portal", key);
                    break;
                default: _r.Unknown(p, key); break;
            }
        }
        if (item is YMap map && map["target"] is null)
        {
            _r.Error(ManifestPath.Key(path, "target"), "missing", item);
        }

        return target is { } t ? new ServicePort(t, protocol) : null;
    }

    private List<ServiceVolume> ReadServiceVolumes(YNode node, string path, SecurityDisclosure security, List<string> declared)
    {
        var volumes = new List<ServiceVolume>();
        foreach (var (item, p) in _r.Items(node, path))
        {
            var volume = item is YMap ? ReadLongVolume(item, p) : ReadShortVolume(item, p);
            if (volume is null)
            {
                continue;
            }

            if (!volume.Target.StartsWith('/'))
            {
                _r.Error(p, $"target \"{volume.Target}\" must be an absolute path", item);
            }
            else if (volumes.Any(v => v.Target == volume.Target))
            {
                _r.Error(p, $"{volume.Target} is mounted twice", item);
            }

            if (volume.HostPath)
            {
                CheckHostMount(volume.Source, p, item, security);
            }
            else if (!declared.Contains(volume.Source))
            {
                _r.Error(p, $"volume \"{volume.Source}\" is not declared under the top-level volumes", item);
            }

            volumes.Add(volume);
        }
        return volumes;
    }

    private void CheckHostMount(string source, string path, YNode at, SecurityDisclosure security)
    {
        if (_trust == ManifestTrust.Vendor)
        {
            _r.NotAllowed(path, $"host bind mount of {source}: vendor appliances may only use named volumes", at);
        }
        else if (!security.HostMounts.Contains(source))
        {
            _r.Error(path, $"host path {source} is not disclosed in x-appliance.security.hostMounts", at);
        }
    }

    private ServiceVolume? ReadShortVolume(YNode item, string path)
    {
        if (_r.String(item, path) is not { } text)
        {
            return null;
        }

        var parts = text.Split(':');
        if (parts.Length == 1)
        {
            _r.Error(path, $"\"{text}\": anonymous volumes are lost on upgrade; name the volume and declare it under volumes", item);
            return null;
        }
        if (parts.Length > 3 || (parts.Length == 3 && parts[2] is not ("ro" or "rw")))
        {
            _r.Error(path, $"\"{text}\" is not source:target[:ro|rw]", item);
            return null;
        }
        return new ServiceVolume(parts[0], parts[1], parts.Length == 3 && parts[2] == "ro", IsHostPath(parts[0]));
    }

    private ServiceVolume? ReadLongVolume(YNode item, string path)
    {
        string type = "volume", source = "", target = "";
        var readOnly = false;
        foreach (var (key, value, p) in _r.Entries(item, path))
        {
            switch (key.Value)
            {
                case "type": type = Checked(value, p, t => t is "volume" or "bind", "must be volume or bind (use tmpfs: for tmpfs mounts)"); break;
                case "source": source = _r.Text(value, p) ?? ""; break;
                case "target": target = _r.Text(value, p) ?? ""; break;
                case "read_only": readOnly = _r.Bool(value, p) ?? false; break;
                default: _r.Unknown(p, key); break;
            }
        }
        if (source.Length == 0 || target.Length == 0)
        {
            _r.Error(path, "needs source and target (anonymous volumes are lost on upgrade)", item);
            return null;
        }
        var host = type == "bind" || IsHostPath(source);
        return new ServiceVolume(source, target, readOnly, host);
    }

    private static bool IsHostPath(string source) =>
        source.StartsWith('/') || source.StartsWith('.') || source.StartsWith('~') || source.Contains('/', StringComparison.Ordinal) || source.Contains('$', StringComparison.Ordinal);

    private ServiceHealthcheck? ReadHealthcheck(YNode node, string path)
    {
        var check = new ServiceHealthcheck();
        foreach (var (key, value, p) in _r.Entries(node, path))
        {
            check = key.Value switch
            {
                "test" => check with { Test = ReadHealthTest(value, p) },
                "interval" => check with { Interval = ReadDuration(value, p) },
                "timeout" => check with { Timeout = ReadDuration(value, p) },
                "start_period" => check with { StartPeriod = ReadDuration(value, p) },
                "retries" => check with { Retries = (int?)_r.Integer(value, p, 0, 1000) },
                _ => Unknown(check, p, key),
            };
        }
        if (check.Test.Count == 0 && node is YMap map && map["test"] is null)
        {
            _r.Error(ManifestPath.Key(path, "test"), "missing", node);
        }

        return check;
    }

    private List<string> ReadHealthTest(YNode value, string path)
    {
        if (value is YScalar { IsNull: false } one)
        {
            return ["CMD-SHELL", one.Value];
        }

        var test = _r.Strings(value, path) ?? [];
        if (test.Count > 0 && test[0] is not ("CMD" or "CMD-SHELL" or "NONE"))
        {
            _r.Error(path, "a test list starts with CMD, CMD-SHELL or NONE", value);
        }
        else if (test.Count > 0 && test[0] != "NONE" && test.Count < 2)
        {
            _r.Error(path, $"{test[0]} needs a command after it", value);
        }

        return test;
    }

    private TimeSpan? ReadDuration(YNode value, string path)
    {
        if (_r.String(value, path) is not { } text)
        {
            return null;
        }

        var duration = ManifestValues.ParseDuration(text);
        if (duration is null)
        {
            _r.Error(path, $"\"{text}\" is not a duration (like 30s, 1m30s or 500ms)", value);
        }

        return duration;
    }

    private List<string> ReadCapAdd(YNode value, string path, SecurityDisclosure security)
    {
        var names = ReadCapabilities(value, path, allowAll: true);
        var seq = value as YSequence;
        for (var i = 0; i < names.Count; i++)
        {
            var at = seq is not null && i < seq.Items.Count ? seq.Items[i] : value;
            if (!security.Capabilities.Contains(names[i]))
            {
                _r.NotAllowed(ManifestPath.Item(path, i), $"{names[i]} is not disclosed in x-appliance.security.capabilities", at);
            }
        }
        return names;
    }

    private List<string> ReadTmpfs(YNode value, string path)
    {
        var mounts = _r.Strings(value, path, allowSingle: true) ?? [];
        for (var i = 0; i < mounts.Count; i++)
        {
            if (!mounts[i].StartsWith('/'))
            {
                _r.Error(value is YSequence ? ManifestPath.Item(path, i) : path, $"\"{mounts[i]}\" must be an absolute path", value);
            }
        }
        return mounts;
    }

    private ApplianceService ReadDeploy(YNode node, string path, ApplianceService service, ref YNode? memory)
    {
        foreach (var (key, value, p) in _r.Entries(node, path))
        {
            if (key.Value != "resources")
            {
                _r.Unknown(p, key);
                continue;
            }
            foreach (var (rKey, rValue, rp) in _r.Entries(value, p))
            {
                if (rKey.Value != "limits")
                {
                    _r.Unknown(rp, rKey);
                    continue;
                }
                foreach (var (lKey, lValue, lp) in _r.Entries(rValue, rp))
                {
                    switch (lKey.Value)
                    {
                        case "memory": memory = lValue; service = service with { MemoryLimitBytes = ReadByteSize(lValue, lp) }; break;
                        case "cpus": service = service with { Cpus = ReadCpus(lValue, lp) }; break;
                        case "pids": service = service with { PidsLimit = _r.Integer(lValue, lp, 1) }; break;
                        default: _r.Unknown(lp, lKey); break;
                    }
                }
            }
        }
        return service;
    }

    private Dictionary<string, string> ReadLabels(YNode node, string path)
    {
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        if (node is YSequence seq)
        {
            for (var i = 0; i < seq.Items.Count; i++)
            {
                var p = ManifestPath.Item(path, i);
                if (_r.String(seq.Items[i], p) is not { } item)
                {
                    continue;
                }

                var eq = item.IndexOf('=', StringComparison.Ordinal);
                if (!labels.TryAdd(eq < 0 ? item : item[..eq], eq < 0 ? "" : item[(eq + 1)..]))
                {
                    _r.Error(p, "label is set twice", seq.Items[i]);
                }
            }
            return labels;
        }
        foreach (var (key, value, p) in _r.Entries(node, path))
        {
            if (value is YScalar s)
            {
                labels[key.Value] = s.IsNull ? "" : s.Value;
            }
            else
            {
                _r.Error(p, $"expected a string, got {value.Describe()}", value);
            }
        }
        return labels;
    }

    private string ReadRestart(YNode value, string path) =>
        Checked(value, path, r => RestartPolicies.Contains(r) || OnFailureCount().IsMatch(r), "is not a restart policy (no, always, on-failure[:N], unless-stopped)");

    [GeneratedRegex("^[a-z0-9][a-z0-9_.-]*$")]
    private static partial Regex ServiceName();

    [GeneratedRegex("^([0-9]+)(?:/(tcp|udp))?$")]
    private static partial Regex ContainerPort();

    [GeneratedRegex("^(SIG[A-Z0-9+-]+|[0-9]+)$")]
    private static partial Regex Signal();

    [GeneratedRegex("^on-failure:[0-9]+$")]
    private static partial Regex OnFailureCount();
}
