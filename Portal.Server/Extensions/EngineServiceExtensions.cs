using Microsoft.Extensions.Logging.Abstractions;
using Portal.Engine;
using Portal.Engine.Cgroups;
using Portal.Engine.Containers;
using Portal.Engine.Events;
using Portal.Engine.Images;
using Portal.Engine.Logs;
using Portal.Engine.Network;
using Portal.Engine.Network.Firewall;
using Portal.Engine.Network.Netlink;
using Portal.Engine.Network.Networks;
using Portal.Engine.Snapshots;
using Portal.Engine.Stats;
using Portal.Engine.Volumes;

namespace Portal.Server.Extensions;

public static class EngineServiceExtensions
{
    /// <summary>Registers the embedded engine over the real kernel parts, rooted at <see cref="PortalPaths.EngineDirectory"/>.</summary>
    public static IServiceCollection AddPortalEngine(this IServiceCollection services, PortalPaths paths)
    {
        var options = new EngineOptions { RootDirectory = paths.EngineDirectory, InitPath = paths.InitPath };
        services.AddSingleton(options);
        services.AddSingleton<EventBus>();
        services.AddSingleton<IEventService>(sp => sp.GetRequiredService<EventBus>());
        services.AddSingleton<ImageStore>();
        services.AddSingleton<IImageStore>(sp => sp.GetRequiredService<ImageStore>());
        services.AddSingleton<IImageService>(sp => sp.GetRequiredService<ImageStore>());
        services.AddSingleton<ISnapshotter, OverlaySnapshotter>();
        services.AddSingleton(sp => CgroupManagerFactory.Create(options, sp.GetService<ILoggerFactory>()?.CreateLogger("Portal.Engine.Cgroups") ?? NullLogger.Instance));
        services.AddSingleton<IContainerRuntime, ShimRuntime>();
        services.AddSingleton<IStatsCollector, StatsCollector>();
        services.AddSingleton<ILogReader, ContainerLogReader>();
        services.AddSingleton(_ => new NetworkStore(options.RootDirectory));
        services.AddSingleton<INetworkStore>(sp => sp.GetRequiredService<NetworkStore>());
        // One client for the host namespace: it serialises its requests on one socket.
        services.AddSingleton<INetlinkClient>(_ => NetlinkClient.Open());
        services.AddSingleton(_ => new Nftables());
        services.AddSingleton(_ => new FirewallSysctls());
        services.AddSingleton<IHostPortProbe, HostPortProbe>();
        services.AddSingleton<BridgeFirewall>();
        services.AddSingleton<ContainerNetwork>();
        services.AddSingleton<IContainerNetwork>(sp => sp.GetRequiredService<ContainerNetwork>());
        services.AddSingleton<INetworkService>(sp => sp.GetRequiredService<ContainerNetwork>());
        services.AddSingleton<ContainerEngine>();
        services.AddSingleton<IContainerService>(sp => sp.GetRequiredService<ContainerEngine>());
        services.AddSingleton<IVolumeService>(sp => sp.GetRequiredService<ContainerEngine>());
        services.AddHostedService<EngineLifetime>();
        return services;
    }
}
