using System.Text.Json;
using Portal.Engine.Cgroups;
using Portal.Engine.Containers;
using Portal.Engine.Errors;

namespace Portal.Server.Apis.Docker;

/// <summary>
/// Docker's create body (Config + HostConfig + NetworkingConfig) to the engine's request. A field the engine
/// cannot honour yet is refused with 400 naming it when set to anything but its default: silently ignoring
/// a bind mount or a published port would leave the user with a container that is not what they asked for.
/// </summary>
internal static class ContainerCreateMapper
{
    private static readonly string[] UnsupportedConfig =
    [
        "AttachStdin", "OpenStdin", "StdinOnce", "Healthcheck", "Domainname", "MacAddress",
        "Shell", "NetworkDisabled", "OnBuild",
    ];

    private static readonly string[] UnsupportedHostConfig =
    [
        "Privileged", "Devices",
        "DeviceRequests", "DeviceCgroupRules", "Dns", "DnsOptions", "DnsSearch", "ExtraHosts", "Links",
        "VolumesFrom", "VolumeDriver", "SecurityOpt", "Sysctls", "PidMode",
        "UTSMode", "UsernsMode", "Ulimits", "Runtime", "ShmSize", "OomKillDisable", "OomScoreAdj", "GroupAdd",
        "CpusetCpus", "CpusetMems", "CpuRealtimePeriod", "CpuRealtimeRuntime", "BlkioWeight",
        "BlkioWeightDevice", "BlkioDeviceReadBps", "BlkioDeviceWriteBps", "BlkioDeviceReadIOps",
        "BlkioDeviceWriteIOps", "MemoryReservation", "KernelMemory", "KernelMemoryTCP", "CpuCount",
        "CpuPercent", "IOMaximumIOps", "IOMaximumBandwidth", "Init", "Annotations", "MaskedPaths",
        "ReadonlyPaths", "CgroupParent", "Cgroup", "ContainerIDFile", "Isolation",
    ];

    private static readonly string[] DefaultIpcModes = ["", "private", "shareable"];
    private static readonly string[] DefaultCgroupnsModes = ["", "private"];
    private static readonly string[] SupportedLogDrivers = ["", "json-file", "local"];

    public static ContainerCreateRequest Map(JsonElement body, string? name)
    {
        if (body.ValueKind != JsonValueKind.Object)
        {
            throw new InvalidArgumentException("container config: want a JSON object");
        }

        var host = body.TryGetProperty("HostConfig", out var h) && h.ValueKind == JsonValueKind.Object ? h : default;
        CheckUnsupported(body, UnsupportedConfig, "");
        if (host.ValueKind == JsonValueKind.Object)
        {
            CheckUnsupported(host, UnsupportedHostConfig, "HostConfig.");
            CheckNetworkMode(host);
            CheckMode(host, "IpcMode", DefaultIpcModes, "only a private IPC namespace is supported");
            CheckMode(host, "CgroupnsMode", DefaultCgroupnsModes, "only a private cgroup namespace is supported");
            CheckMode(host, "MemorySwappiness", null, "is not supported");
            CheckLogConfig(host);
        }

        var endpoints = EndpointsConfig(body);

        var image = String(body, "Image");
        if (string.IsNullOrWhiteSpace(image))
        {
            throw new InvalidArgumentException("Config.Image: an image is required");
        }

        var restart = RestartPolicyOf(host);
        var autoRemove = Bool(host, "AutoRemove");
        if (autoRemove && restart.Kind != RestartPolicyKind.No)
        {
            throw new InvalidArgumentException("conflicting options: cannot combine AutoRemove with a restart policy");
        }

        return new ContainerCreateRequest
        {
            Name = string.IsNullOrEmpty(name) ? null : name.TrimStart('/'),
            Image = image,
            Cmd = StringList(body, "Cmd", clearOnEmpty: false),
            Entrypoint = StringList(body, "Entrypoint", clearOnEmpty: true),
            Env = StringList(body, "Env", clearOnEmpty: false) ?? [],
            WorkingDir = NullIfEmpty(String(body, "WorkingDir")),
            User = NullIfEmpty(String(body, "User")),
            Hostname = NullIfEmpty(String(body, "Hostname")),
            Labels = StringMap(body, "Labels"),
            Tty = Bool(body, "Tty"),
            StopSignal = NullIfEmpty(String(body, "StopSignal")),
            StopTimeoutSeconds = Int(body, "StopTimeout") is { } timeout ? (int)timeout : null,
            ExposedPorts = body.TryGetProperty("ExposedPorts", out var ports) && ports.ValueKind == JsonValueKind.Object
                ? ports.EnumerateObject().Select(p => p.Name).ToList()
                : [],
            Resources = new ResourceLimits
            {
                MemoryBytes = Positive(host, "Memory"),
                MemorySwapBytes = Int(host, "MemorySwap") is { } swap && swap != 0 ? swap : null,
                NanoCpus = Positive(host, "NanoCpus"),
                CpuQuotaMicros = Positive(host, "CpuQuota"),
                CpuPeriodMicros = Positive(host, "CpuPeriod"),
                CpuShares = Positive(host, "CpuShares"),
                PidsLimit = Positive(host, "PidsLimit"),
            },
            RestartPolicy = restart,
            AutoRemove = autoRemove,
            NetworkMode = NullIfEmpty(String(host, "NetworkMode")),
            PortBindings = PortBindingsOf(host),
            PublishAllPorts = Bool(host, "PublishAllPorts"),
            Networks = endpoints,
            Volumes = VolumeMountMapper.Map(body, host),
            CapAdd = HostStrings(host, "CapAdd"),
            CapDrop = HostStrings(host, "CapDrop"),
            ReadonlyRootfs = Bool(host, "ReadonlyRootfs"),
            Tmpfs = host.ValueKind == JsonValueKind.Object ? StringMap(host, "HostConfig.Tmpfs", "Tmpfs") : [],
        };
    }

    /// <summary>
    /// {"8080/tcp":[{"HostIp":"127.0.0.1","HostPort":"18081"}]}; a key without "/proto" is tcp, HostPort "" or "0"
    /// asks for any free port and "9000-9010" for one of a range, and a key range ("80-82/tcp") maps onto a host range
    /// of the same size or onto free ports (<see cref="PortSpecs.Expand"/>).
    /// </summary>
    private static List<PortBinding> PortBindingsOf(JsonElement host)
    {
        if (host.ValueKind != JsonValueKind.Object || !host.TryGetProperty("PortBindings", out var bindings) || bindings.ValueKind == JsonValueKind.Null)
        {
            return [];
        }

        if (bindings.ValueKind != JsonValueKind.Object)
        {
            throw new InvalidArgumentException($"HostConfig.PortBindings: want an object, got {bindings.GetRawText()}");
        }

        var list = new List<PortBinding>();
        foreach (var port in bindings.EnumerateObject())
        {
            var where = $"HostConfig.PortBindings.{port.Name}";
            PortSpecs.ParseContainerKey(port.Name, where);
            if (port.Value.ValueKind == JsonValueKind.Null)
            {
                continue;
            }

            if (port.Value.ValueKind != JsonValueKind.Array)
            {
                throw new InvalidArgumentException($"{where}: want an array of bindings, got {port.Value.GetRawText()}");
            }

            foreach (var binding in port.Value.EnumerateArray())
            {
                list.AddRange(PortSpecs.Expand(port.Name, String(binding, "HostIp") ?? "", String(binding, "HostPort") ?? "", where));
            }
        }

        return list;
    }

    private static RestartPolicy RestartPolicyOf(JsonElement host)
    {
        if (host.ValueKind != JsonValueKind.Object || !host.TryGetProperty("RestartPolicy", out var policy) || policy.ValueKind != JsonValueKind.Object)
        {
            return RestartPolicy.No;
        }

        var name = String(policy, "Name") ?? "";
        var retries = (int)(Int(policy, "MaximumRetryCount") ?? 0);
        var kind = name switch
        {
            "" or "no" => RestartPolicyKind.No,
            "on-failure" => RestartPolicyKind.OnFailure,
            "always" => RestartPolicyKind.Always,
            "unless-stopped" => RestartPolicyKind.UnlessStopped,
            _ => throw new InvalidArgumentException($"HostConfig.RestartPolicy.Name: invalid restart policy '{name}' (want no, on-failure, always or unless-stopped)"),
        };
        if (retries < 0)
        {
            throw new InvalidArgumentException("HostConfig.RestartPolicy.MaximumRetryCount: must not be negative");
        }

        if (retries > 0 && kind != RestartPolicyKind.OnFailure)
        {
            throw new InvalidArgumentException($"HostConfig.RestartPolicy.MaximumRetryCount: only valid with on-failure, not '{name}'");
        }

        return kind == RestartPolicyKind.No ? RestartPolicy.No : new RestartPolicy(kind, retries);
    }

    private static void CheckUnsupported(JsonElement obj, string[] fields, string prefix)
    {
        foreach (var field in fields)
        {
            if (obj.TryGetProperty(field, out var value) && !IsDefault(value))
            {
                throw new InvalidArgumentException($"{prefix}{field} is not supported by this engine (value {value.GetRawText()})");
            }
        }
    }

    private static void CheckNetworkMode(JsonElement host)
    {
        if (String(host, "NetworkMode") is { } mode && (mode == "host" || mode.StartsWith("container:", StringComparison.Ordinal)))
        {
            throw new InvalidArgumentException(
                $"HostConfig.NetworkMode \"{mode}\" is not supported: use bridge, none, default or a user-defined network");
        }
    }

    private static void CheckMode(JsonElement host, string field, string[]? allowed, string reason)
    {
        if (!host.TryGetProperty(field, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return;
        }

        var ok = allowed is null
            ? value.ValueKind == JsonValueKind.Number && value.GetInt64() == -1
            : value.ValueKind == JsonValueKind.String && allowed.Contains(value.GetString());
        if (!ok)
        {
            throw new InvalidArgumentException($"HostConfig.{field} {value.GetRawText()} is not supported: {reason}");
        }
    }

    private static void CheckLogConfig(JsonElement host)
    {
        if (!host.TryGetProperty("LogConfig", out var log) || log.ValueKind != JsonValueKind.Object)
        {
            return;
        }

        var type = String(log, "Type") ?? "";
        if (!SupportedLogDrivers.Contains(type))
        {
            throw new InvalidArgumentException($"HostConfig.LogConfig.Type '{type}' is not supported: the engine keeps its own json-file style log");
        }

        if (log.TryGetProperty("Config", out var config) && !IsDefault(config))
        {
            throw new InvalidArgumentException($"HostConfig.LogConfig.Config is not supported (value {config.GetRawText()})");
        }
    }

    /// <summary>
    /// NetworkingConfig.EndpointsConfig: per network (the one of HostConfig.NetworkMode and, from API 1.44, further ones
    /// from repeated --network) its aliases and fixed address, in the body's order.
    /// </summary>
    private static List<ContainerEndpointConfig> EndpointsConfig(JsonElement body)
    {
        var list = new List<ContainerEndpointConfig>();
        if (!body.TryGetProperty("NetworkingConfig", out var networking) || networking.ValueKind != JsonValueKind.Object
            || !networking.TryGetProperty("EndpointsConfig", out var endpoints) || endpoints.ValueKind != JsonValueKind.Object)
        {
            return list;
        }

        foreach (var endpoint in endpoints.EnumerateObject())
        {
            var where = $"NetworkingConfig.EndpointsConfig.{endpoint.Name}";
            if (endpoint.Value.ValueKind is JsonValueKind.Null)
            {
                list.Add(new ContainerEndpointConfig { NetworkName = endpoint.Name });
                continue;
            }

            if (endpoint.Value.ValueKind != JsonValueKind.Object)
            {
                throw new InvalidArgumentException($"{where}: want an object, got {endpoint.Value.GetRawText()}");
            }

            CheckUnsupported(endpoint.Value, ["Links", "MacAddress", "DriverOpts", "IPv6Gateway", "GlobalIPv6Address"], where + ".");
            list.Add(new ContainerEndpointConfig
            {
                NetworkName = endpoint.Name,
                Aliases = EndpointAliases(endpoint.Value, where),
                IPv4Address = EndpointAddress(endpoint.Value, where),
            });
        }

        return list;
    }

    /// <summary>An endpoint config's Aliases (docker's --network-alias / --alias).</summary>
    internal static List<string> EndpointAliases(JsonElement endpoint, string where)
    {
        if (!endpoint.TryGetProperty("Aliases", out var aliases) || aliases.ValueKind == JsonValueKind.Null)
        {
            return [];
        }

        return aliases.ValueKind == JsonValueKind.Array && aliases.EnumerateArray().All(a => a.ValueKind == JsonValueKind.String)
            ? [.. aliases.EnumerateArray().Select(a => a.GetString()!).Where(a => a.Length > 0)]
            : throw new InvalidArgumentException($"{where}.Aliases: want a list of names, got {aliases.GetRawText()}");
    }

    /// <summary>An endpoint config's IPAMConfig.IPv4Address (docker's --ip); IPv6 addresses are refused.</summary>
    internal static string? EndpointAddress(JsonElement endpoint, string where)
    {
        if (!endpoint.TryGetProperty("IPAMConfig", out var ipam) || ipam.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        CheckUnsupported(ipam, ["IPv6Address", "LinkLocalIPs"], where + ".IPAMConfig.");
        return NullIfEmpty(String(ipam, "IPv4Address"));
    }

    private static bool IsDefault(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Null or JsonValueKind.Undefined or JsonValueKind.False => true,
        JsonValueKind.Number => value.GetDouble() == 0,
        JsonValueKind.String => value.GetString()!.Length == 0,
        JsonValueKind.Array => value.GetArrayLength() == 0,
        JsonValueKind.Object => !value.EnumerateObject().Any(),
        _ => false,
    };

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;

    private static string? String(JsonElement obj, string field)
    {
        if (obj.ValueKind != JsonValueKind.Object || !obj.TryGetProperty(field, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : throw new InvalidArgumentException($"{field}: want a string, got {value.GetRawText()}");
    }

    private static bool Bool(JsonElement obj, string field) =>
        obj.ValueKind == JsonValueKind.Object && obj.TryGetProperty(field, out var value) && value.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False or JsonValueKind.Null => false,
            _ => throw new InvalidArgumentException($"{field}: want true or false, got {value.GetRawText()}"),
        };

    private static long? Int(JsonElement obj, string field)
    {
        if (obj.ValueKind != JsonValueKind.Object || !obj.TryGetProperty(field, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var number)
            ? number
            : throw new InvalidArgumentException($"{field}: want an integer, got {value.GetRawText()}");
    }

    /// <summary>Docker's "0 or absent = no limit"; negative values are the engine's to reject (PidsLimit -1 = unlimited).</summary>
    private static long? Positive(JsonElement obj, string field) => Int(obj, field) is { } value && value != 0
        ? (field == "PidsLimit" && value < 0 ? null : value)
        : null;

    /// <summary>
    /// Docker's strslice: an array or a single string. null = the image's value. For Entrypoint, [""] or ""
    /// clears the image's entrypoint (docker run --entrypoint "").
    /// </summary>
    private static List<string>? StringList(JsonElement obj, string field, bool clearOnEmpty)
    {
        if (!obj.TryGetProperty(field, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        List<string> list = value.ValueKind switch
        {
            JsonValueKind.String => [value.GetString()!],
            JsonValueKind.Array => value.EnumerateArray().Select(item => item.ValueKind == JsonValueKind.String
                ? item.GetString()!
                : throw new InvalidArgumentException($"{field}: want strings, got {item.GetRawText()}")).ToList(),
            _ => throw new InvalidArgumentException($"{field}: want a string or an array of strings, got {value.GetRawText()}"),
        };
        return clearOnEmpty && list is [""] ? [] : list;
    }

    /// <summary>docker run --cap-add/--cap-drop: a list of names (the engine checks them).</summary>
    private static List<string> HostStrings(JsonElement host, string field) =>
        host.ValueKind == JsonValueKind.Object ? StringList(host, field, clearOnEmpty: false)?.Select(s => s.Trim()).Where(s => s.Length > 0).ToList() ?? [] : [];

    private static Dictionary<string, string> StringMap(JsonElement obj, string field, string? property = null)
    {
        if (!obj.TryGetProperty(property ?? field, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return [];
        }

        if (value.ValueKind != JsonValueKind.Object)
        {
            throw new InvalidArgumentException($"{field}: want an object of strings, got {value.GetRawText()}");
        }

        return value.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.ValueKind == JsonValueKind.String
            ? p.Value.GetString()!
            : throw new InvalidArgumentException($"{field}.{p.Name}: want a string, got {p.Value.GetRawText()}"));
    }
}
