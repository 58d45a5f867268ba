using System.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using Portal.Engine;
using Portal.Engine.Cgroups;
using Portal.Engine.Cgroups.V1;
using Portal.Engine.Cgroups.V2;
using Portal.Engine.Containers;
using Portal.Engine.Events;
using Portal.Engine.Images;
using Portal.Engine.Logs;
using Portal.Engine.Snapshots;
using Portal.Engine.Stats;

namespace Portal.Bench;

/// <summary>One docker-run's worth of engine calls, timed per step; <see cref="Network"/> is the part spent in the container network.</summary>
internal sealed record PortalRun(TimeSpan Create, TimeSpan Start, TimeSpan Wait, TimeSpan Remove, int ExitCode, NetworkTimes? Network = null)
{
    public TimeSpan Run => Create + Start + Wait;
    public TimeSpan RunAndRemove => Run + Remove;
}

/// <summary>
/// The real engine over a fresh store, wired as Portal.Server's EngineServiceExtensions does (real image store,
/// overlay snapshotter, cgroup manager, portal-init shims), with its own cgroup parent so nothing is shared
/// with a running Portal.
/// </summary>
internal sealed class PortalTarget : IAsyncDisposable
{
    public const string ImageTag = "localhost/bench-busybox:latest";

    private readonly ImageStore _images;
    private readonly ICgroupManager _cgroups;
    private readonly ContainerEngine _engine;
    private readonly BenchNetwork? _network;

    private PortalTarget(ImageStore images, ICgroupManager cgroups, ContainerEngine engine, string layerDirectory, BenchNetwork? network)
    {
        _images = images;
        _cgroups = cgroups;
        _engine = engine;
        LayerDirectory = layerDirectory;
        _network = network;
    }

    /// <summary>The image's only layer as extracted in the store: the busybox rootfs the OCI bundles copy.</summary>
    public string LayerDirectory { get; }

    /// <param name="workDirectory">Scratch space: the engine store goes to engine/, the image layout to busybox-oci/.</param>
    public static Task<PortalTarget> CreateAsync(string workDirectory, string initPath, CancellationToken cancellationToken) =>
        CreateAsync(workDirectory, initPath, bridgeInterface: null, cancellationToken);

    /// <param name="bridgeInterface">With a name: the engine gets the real container network (netns, veth, lease, nft) and
    /// its default bridge network uses this interface, so it shares nothing with a Portal's portal0.</param>
    public static async Task<PortalTarget> CreateAsync(string workDirectory, string initPath, string? bridgeInterface, CancellationToken cancellationToken)
    {
        var options = new EngineOptions
        {
            RootDirectory = Path.Combine(workDirectory, "engine"),
            InitPath = initPath,
            CgroupParent = "portal-bench-" + Guid.NewGuid().ToString("N")[..8],
        };
        var images = new ImageStore(options, NullLogger<ImageStore>.Instance);
        var cgroups = CgroupManagerFactory.Create(options, NullLogger.Instance);
        var network = bridgeInterface is null ? null : BenchNetwork.Create(options.RootDirectory, bridgeInterface);
        var engine = new ContainerEngine(options, images, new OverlaySnapshotter(options), cgroups,
            new ShimRuntime(options, NullLogger<ShimRuntime>.Instance), new StatsCollector(), new ContainerLogReader(),
            new EventBus(), NullLogger<ContainerEngine>.Instance, network: network?.Timed);
        await engine.InitializeAsync(cancellationToken).ConfigureAwait(false);

        var layout = Path.Combine(workDirectory, "busybox-oci");
        OciImageWriter.WriteOciLayout(BusyboxImage.Create(ImageTag, new ImageConfig { Cmd = ["/bin/sh"] }), layout);
        var loaded = await images.LoadDirectoryAsync(layout, cancellationToken).ConfigureAwait(false);
        var layers = images.GetLayerDirectories(loaded.Single().Id);
        return new PortalTarget(images, cgroups, engine, layers.Single(), network);
    }

    /// <summary>The image as an OCI archive written by our own writer (for another engine to load).</summary>
    public static void WriteImageArchive(string path)
    {
        using var file = File.Create(path);
        OciImageWriter.WriteOciArchive(BusyboxImage.Create(ImageTag, new ImageConfig { Cmd = ["/bin/sh"] }), file);
    }

    /// <summary>create → wait(next-exit) registered → start → exit observed, then remove: docker run's order.</summary>
    public Task<PortalRun> RunAsync(IReadOnlyList<string> command, CancellationToken cancellationToken) =>
        RunAsync(new ContainerCreateRequest { Image = ImageTag, Cmd = command }, cancellationToken);

    public async Task<PortalRun> RunAsync(ContainerCreateRequest request, CancellationToken cancellationToken)
    {
        _network?.Timed.Reset();
        var clock = Stopwatch.StartNew();
        var created = await _engine.CreateAsync(request, cancellationToken).ConfigureAwait(false);
        var create = clock.Elapsed;
        var exited = _engine.WaitAsync(created.Id, WaitCondition.NextExit, cancellationToken);
        await _engine.StartAsync(created.Id, cancellationToken).ConfigureAwait(false);
        var start = clock.Elapsed;
        var result = await exited.ConfigureAwait(false);
        var wait = clock.Elapsed;
        await _engine.RemoveAsync(created.Id, force: true, cancellationToken).ConfigureAwait(false);
        var remove = clock.Elapsed;
        return new PortalRun(create, start - create, wait - start, remove - wait, result.StatusCode, _network?.Timed.Times);
    }

    public async ValueTask DisposeAsync()
    {
        await _engine.DisposeAsync().ConfigureAwait(false);
        if (_network is not null)
        {
            await _network.DisposeAsync().ConfigureAwait(false);
        }

        _images.Dispose();
        IEnumerable<string> parents = _cgroups switch
        {
            CgroupV1Manager v1 => v1.ParentPaths,
            CgroupV2Manager v2 => [v2.ParentPath],
            _ => [],
        };
        foreach (var parent in parents.Where(Directory.Exists))
        {
            // rmdir: a cgroup directory goes only when it is empty, which every removed container leaves it.
            Directory.Delete(parent);
        }
    }
}
