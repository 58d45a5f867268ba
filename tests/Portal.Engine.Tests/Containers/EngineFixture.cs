using Microsoft.Extensions.Logging.Abstractions;
using Portal.Engine.Containers;
using Portal.Engine.Events;
using Portal.Engine.Snapshots;
using Portal.Engine.Spec;
using Portal.Engine.Tests.TestSupport;

namespace Portal.Engine.Tests.Containers;

/// <summary>A ContainerEngine over fakes of the kernel-facing parts and a real temp directory store.</summary>
internal sealed class EngineFixture : IAsyncDisposable
{
    private readonly TempDirectory _dir = new("portal-engine-");
    private readonly bool _withNetwork;

    /// <param name="withNetwork">False builds the engine without container networking, as the start benchmark does.</param>
    public EngineFixture(bool withNetwork = true)
    {
        _withNetwork = withNetwork;
        Options = new EngineOptions { RootDirectory = _dir.Path };
        Engine = NewEngine();
    }

    public EngineOptions Options { get; }
    public FakeRuntime Runtime { get; } = new();
    public FakeImageStore Images { get; } = new();
    public FakeCgroups Cgroups { get; } = new();
    public FakeLogReader Logs { get; } = new();
    public FakeContainerNetwork Network { get; } = new();
    public EventBus Events { get; private set; } = new();
    public ContainerEngine Engine { get; private set; }

    public string ContainerDir(string id) => Path.Combine(_dir.Path, "containers", id);

    /// <summary>Drops the engine (as a killed server would) and starts a new one over the same store.</summary>
    public async Task<ContainerEngine> RestartEngineAsync(Action? whileDown = null)
    {
        await Engine.DisposeAsync();
        whileDown?.Invoke();
        Events = new EventBus();
        Engine = NewEngine();
        await Engine.InitializeAsync(TestContext.Current.CancellationToken);
        return Engine;
    }

    public async ValueTask DisposeAsync()
    {
        await Engine.DisposeAsync();
        _dir.Dispose();
    }

    private ContainerEngine NewEngine() => new(Options, Images, new FakeSnapshotter(), Cgroups, Runtime, new FakeStats(), Logs, Events,
        NullLogger<ContainerEngine>.Instance, network: _withNetwork ? Network : null);

    private sealed class FakeSnapshotter : ISnapshotter
    {
        public IReadOnlyList<MountSpec> Prepare(string containerDirectory, IReadOnlyList<string> lowerDirectories)
        {
            Directory.CreateDirectory(Path.Combine(containerDirectory, "upper"));
            return [new MountSpec("overlay", "overlay", "/", ["lowerdir=" + string.Join(':', lowerDirectories.Reverse())])];
        }

        public long GetWritableSize(string containerDirectory) => 0;
    }
}
