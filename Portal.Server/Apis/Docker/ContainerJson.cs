using System.Globalization;
using System.Text.Json.Nodes;
using Portal.Engine.Containers;

namespace Portal.Server.Apis.Docker;

/// <summary>Containers in Docker's inspect and list shapes. Names carry Docker's leading slash.</summary>
internal static class ContainerJson
{
    public static JsonObject Inspect(ContainerDetails c)
    {
        var config = c.Config;
        var state = c.State;
        var limits = c.Resources;
        return new JsonObject
        {
            ["Id"] = c.Id,
            ["Created"] = DockerTime.Rfc3339Nano(c.Created),
            ["Path"] = c.Args.Count > 0 ? c.Args[0] : "",
            ["Args"] = JsonNodes.Strings(c.Args.Skip(1)),
            ["State"] = new JsonObject
            {
                ["Status"] = StatusName(state.Status),
                ["Running"] = state.Status == ContainerStatus.Running,
                ["Paused"] = state.Status == ContainerStatus.Paused,
                ["Restarting"] = state.Status == ContainerStatus.Restarting,
                ["OOMKilled"] = state.OomKilled,
                ["Dead"] = state.Status == ContainerStatus.Dead,
                ["Pid"] = state.Pid,
                ["ExitCode"] = state.ExitCode,
                ["Error"] = state.Error,
                ["StartedAt"] = DockerTime.Rfc3339Nano(state.StartedAt),
                ["FinishedAt"] = DockerTime.Rfc3339Nano(state.FinishedAt),
            },
            ["Image"] = c.ImageId,
            ["ResolvConfPath"] = "",
            ["HostnamePath"] = "",
            ["HostsPath"] = "",
            ["LogPath"] = c.LogPath,
            ["Name"] = "/" + c.Name,
            ["RestartCount"] = c.RestartCount,
            ["Driver"] = "overlay2",
            ["Platform"] = "linux",
            ["MountLabel"] = "",
            ["ProcessLabel"] = "",
            ["AppArmorProfile"] = "",
            ["HostConfig"] = new JsonObject
            {
                ["NetworkMode"] = ContainerNetworkJson.ModeName(c),
                ["RestartPolicy"] = new JsonObject
                {
                    ["Name"] = RestartPolicyName(c.RestartPolicy.Kind),
                    ["MaximumRetryCount"] = c.RestartPolicy.MaximumRetryCount,
                },
                ["AutoRemove"] = c.AutoRemove,
                ["Memory"] = limits.MemoryBytes ?? 0,
                ["MemorySwap"] = limits.MemorySwapBytes ?? 0,
                ["NanoCpus"] = limits.NanoCpus ?? 0,
                ["CpuQuota"] = limits.CpuQuotaMicros ?? 0,
                ["CpuPeriod"] = limits.CpuPeriodMicros ?? 0,
                ["CpuShares"] = limits.CpuShares ?? 0,
                ["PidsLimit"] = limits.PidsLimit is > 0 ? limits.PidsLimit : null,
                ["Privileged"] = false,
                ["PortBindings"] = ContainerNetworkJson.PortBindings(c),
                ["Binds"] = null,
                ["CapAdd"] = c.CapAdd.Count > 0 ? JsonNodes.Strings(c.CapAdd) : null,
                ["CapDrop"] = c.CapDrop.Count > 0 ? JsonNodes.Strings(c.CapDrop) : null,
                ["ReadonlyRootfs"] = c.ReadonlyRootfs,
                ["Tmpfs"] = c.Tmpfs.Count > 0 ? JsonNodes.Map(c.Tmpfs) : null,
                ["LogConfig"] = new JsonObject { ["Type"] = "json-file", ["Config"] = new JsonObject() },
            },
            ["GraphDriver"] = new JsonObject { ["Name"] = "overlay2", ["Data"] = null },
            ["Mounts"] = VolumeJson.Mounts(c),
            ["Config"] = new JsonObject
            {
                ["Hostname"] = config.Hostname,
                ["Domainname"] = "",
                ["User"] = config.User,
                ["AttachStdin"] = false,
                ["AttachStdout"] = false,
                ["AttachStderr"] = false,
                ["ExposedPorts"] = JsonNodes.Set(config.ExposedPorts),
                ["Tty"] = config.Tty,
                ["OpenStdin"] = false,
                ["StdinOnce"] = false,
                ["Env"] = JsonNodes.Strings(config.Env),
                ["Cmd"] = config.Cmd.Count > 0 ? JsonNodes.Strings(config.Cmd) : null,
                ["Image"] = config.Image,
                ["Volumes"] = null,
                ["WorkingDir"] = config.WorkingDir,
                ["Entrypoint"] = config.Entrypoint.Count > 0 ? JsonNodes.Strings(config.Entrypoint) : null,
                ["Labels"] = JsonNodes.Map(config.Labels),
                ["StopSignal"] = config.StopSignal,
                ["StopTimeout"] = config.StopTimeoutSeconds,
            },
            ["NetworkSettings"] = ContainerNetworkJson.Settings(c),
        };
    }

    public static JsonObject ListItem(ContainerDetails c, DateTimeOffset now) => new()
    {
        ["Id"] = c.Id,
        ["Names"] = new JsonArray("/" + c.Name),
        ["Image"] = c.Config.Image,
        ["ImageID"] = c.ImageId,
        ["Command"] = string.Join(' ', c.Config.Entrypoint.Concat(c.Config.Cmd)),
        ["Created"] = DockerTime.UnixSeconds(c.Created),
        ["Ports"] = ContainerNetworkJson.ListPorts(c),
        ["Labels"] = JsonNodes.Map(c.Config.Labels),
        ["State"] = StatusName(c.State.Status),
        ["Status"] = StatusText(c.State, now),
        ["HostConfig"] = new JsonObject { ["NetworkMode"] = ContainerNetworkJson.ModeName(c) },
        ["NetworkSettings"] = new JsonObject { ["Networks"] = ContainerNetworkJson.ListNetworks(c) },
        ["Mounts"] = VolumeJson.Mounts(c),
    };

    public static string StatusName(ContainerStatus status) => status.ToString().ToLowerInvariant();

    /// <summary>Docker's human status: "Up 5 seconds", "Exited (3) 2 seconds ago", "Created".</summary>
    public static string StatusText(ContainerState state, DateTimeOffset now)
    {
        string Since(DateTimeOffset? time) => HumanDuration.Format(now - (time ?? now));
        return state.Status switch
        {
            ContainerStatus.Running => "Up " + Since(state.StartedAt),
            ContainerStatus.Paused => "Up " + Since(state.StartedAt) + " (Paused)",
            ContainerStatus.Restarting => string.Create(CultureInfo.InvariantCulture, $"Restarting ({state.ExitCode}) {Since(state.FinishedAt)} ago"),
            ContainerStatus.Exited when state.FinishedAt is null => "Created",
            ContainerStatus.Exited => string.Create(CultureInfo.InvariantCulture, $"Exited ({state.ExitCode}) {Since(state.FinishedAt)} ago"),
            ContainerStatus.Removing => "Removal In Progress",
            ContainerStatus.Dead => "Dead",
            _ => "Created",
        };
    }

    public static string RestartPolicyName(RestartPolicyKind kind) => kind switch
    {
        RestartPolicyKind.OnFailure => "on-failure",
        RestartPolicyKind.Always => "always",
        RestartPolicyKind.UnlessStopped => "unless-stopped",
        _ => "no",
    };
}
