using System.Reflection;
using System.Text.Json.Nodes;
using Portal.Engine.Containers;
using Portal.Engine.Images;

namespace Portal.Server.Apis.Docker;

/// <summary>/_ping, /version and /info.</summary>
internal static class SystemApi
{
    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapMethods("/_ping", [HttpMethods.Get, HttpMethods.Head], Ping);
        app.MapGet("/version", Version);
        app.MapGet("/info", InfoAsync);
    }

    private static IResult Ping(HttpContext context)
    {
        var headers = context.Response.Headers;
        headers.CacheControl = "no-cache, no-store, must-revalidate";
        headers.Pragma = "no-cache";
        headers["Docker-Experimental"] = "false";
        headers["Builder-Version"] = "1";
        headers["Swarm"] = "inactive";
        return HttpMethods.IsHead(context.Request.Method)
            ? TypedResults.Content(null, "text/plain; charset=utf-8")
            : TypedResults.Text("OK", "text/plain; charset=utf-8");
    }

    private static DockerJsonResult Version()
    {
        var portalVersion = typeof(SystemApi).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";
        var body = EngineFields();
        body["Version"] = DockerApiVersion.EngineVersion;
        body["Experimental"] = false;
        body["Platform"] = new JsonObject { ["Name"] = $"Portal {portalVersion}" };
        body["Components"] = new JsonArray(
            new JsonObject { ["Name"] = "Engine", ["Version"] = DockerApiVersion.EngineVersion, ["Details"] = EngineDetails() },
            new JsonObject { ["Name"] = "Portal", ["Version"] = portalVersion, ["Details"] = new JsonObject() });
        return new DockerJsonResult(body);
    }

    private static JsonObject EngineDetails()
    {
        var details = EngineFields();
        details["Experimental"] = "false";
        return details;
    }

    private static JsonObject EngineFields() => new()
    {
        ["ApiVersion"] = DockerApiVersion.Max,
        ["MinAPIVersion"] = DockerApiVersion.Min,
        ["GitCommit"] = "portal",
        ["GoVersion"] = $".NET {Environment.Version}",
        ["Os"] = "linux",
        ["Arch"] = HostInfo.GoArch,
        ["KernelVersion"] = HostInfo.KernelVersion,
        ["BuildTime"] = "",
    };

    private static async Task<DockerJsonResult> InfoAsync(IContainerService containers, IImageService images, HttpContext context)
    {
        var all = await containers.ListAsync(all: true, context.RequestAborted);
        var imageList = await images.ListAsync(context.RequestAborted);
        var body = new JsonObject
        {
            ["ID"] = HostInfo.MachineId,
            ["Containers"] = all.Count,
            ["ContainersRunning"] = all.Count(c => c.State.Status == ContainerStatus.Running),
            ["ContainersPaused"] = all.Count(c => c.State.Status == ContainerStatus.Paused),
            ["ContainersStopped"] = all.Count(c => c.State.Status is not (ContainerStatus.Running or ContainerStatus.Paused)),
            ["Images"] = imageList.Count,
            ["Driver"] = "overlay2",
            ["DriverStatus"] = new JsonArray(),
            ["MemoryLimit"] = true,
            ["SwapLimit"] = true,
            ["CpuCfsPeriod"] = true,
            ["CpuCfsQuota"] = true,
            ["PidsLimit"] = true,
            ["OomKillDisable"] = false,
            ["IPv4Forwarding"] = false,
            ["Debug"] = false,
            ["LoggingDriver"] = "json-file",
            ["CgroupDriver"] = "cgroupfs",
            ["CgroupVersion"] = HostInfo.CgroupVersion,
            ["KernelVersion"] = HostInfo.KernelVersion,
            ["OperatingSystem"] = HostInfo.OperatingSystem,
            ["OSVersion"] = "",
            ["OSType"] = "linux",
            ["Architecture"] = HostInfo.Architecture,
            ["NCPU"] = Environment.ProcessorCount,
            ["MemTotal"] = HostInfo.MemTotalBytes,
            ["Name"] = Environment.MachineName,
            ["ServerVersion"] = DockerApiVersion.EngineVersion,
            ["DockerRootDir"] = "",
            ["Labels"] = new JsonArray(),
            ["ExperimentalBuild"] = false,
            ["Runtimes"] = new JsonObject { ["portal-init"] = new JsonObject { ["path"] = "portal-init" } },
            ["DefaultRuntime"] = "portal-init",
            ["Swarm"] = new JsonObject { ["LocalNodeState"] = "inactive", ["NodeID"] = "", ["NodeAddr"] = "", ["ControlAvailable"] = false },
            ["SecurityOptions"] = new JsonArray("name=seccomp,profile=builtin"),
            ["Warnings"] = new JsonArray(),
        };
        return new DockerJsonResult(body);
    }
}
