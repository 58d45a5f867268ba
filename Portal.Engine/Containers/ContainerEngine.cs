using System.Collections.Concurrent;
using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Portal.Engine.Cgroups;
using Portal.Engine.Errors;
using Portal.Engine.Events;
using Portal.Engine.Images;
using Portal.Engine.Logs;
using Portal.Engine.Network;
using Portal.Engine.Snapshots;
using Portal.Engine.Stats;

namespace Portal.Engine.Containers;

/// <summary>
/// The container lifecycle: create, start, stop, kill, restart policies, wait, remove, and re-adoption
/// of running containers after the engine process restarts. Containers run under portal-init shims
/// that outlive this process; this class only observes and signals them.
/// </summary>
public sealed partial class ContainerEngine : IContainerService, IAsyncDisposable
{
    private readonly EngineOptions _options;
    private readonly IImageStore _images;
    private readonly ISnapshotter _snapshotter;
    private readonly ICgroupManager _cgroups;
    private readonly IContainerRuntime _runtime;
    private readonly IStatsCollector _stats;
    private readonly ILogReader _logs;
    private readonly EventBus _events;
    private readonly ILogger<ContainerEngine> _logger;
    private readonly TimeProvider _time;
    private readonly IContainerNetwork? _network;
    private readonly ContainerStore _store;
    private readonly ConcurrentDictionary<string, ContainerEntry> _containers = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _createGate = new(1, 1);
    private readonly CancellationTokenSource _shutdown = new();
    private readonly ConcurrentDictionary<Task, byte> _background = new();
    private int _disposed;

    public ContainerEngine(
        EngineOptions options,
        IImageStore images,
        ISnapshotter snapshotter,
        ICgroupManager cgroups,
        IContainerRuntime runtime,
        IStatsCollector stats,
        ILogReader logs,
        EventBus events,
        ILogger<ContainerEngine> logger,
        TimeProvider? time = null,
        IContainerNetwork? network = null)
    {
        _network = network;
        _options = options;
        _images = images;
        _snapshotter = snapshotter;
        _cgroups = cgroups;
        _runtime = runtime;
        _stats = stats;
        _logs = logs;
        _events = events;
        _logger = logger;
        _time = time ?? TimeProvider.System;
        _store = new ContainerStore(options.RootDirectory);
        _images.SetUsageCheck(imageId => _containers.Values.Any(c => c.Record.ImageId == imageId));
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        // Containers keep running: only our watchers stop. The next engine process re-adopts them.
        await _shutdown.CancelAsync().ConfigureAwait(false);
        try
        {
            await Task.WhenAll(_background.Keys).WaitAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is OperationCanceledException or TimeoutException)
        {
        }

        _shutdown.Dispose();
        _createGate.Dispose();
    }

    private ContainerEntry Resolve(string idOrName)
    {
        var key = idOrName.StartsWith('/') ? idOrName[1..] : idOrName;
        if (key.Length == 0)
        {
            throw NotFoundException.Container(idOrName);
        }

        if (_containers.TryGetValue(key, out var byId))
        {
            return byId;
        }

        var byName = _containers.Values.FirstOrDefault(c => c.Record.Name == key);
        if (byName is not null)
        {
            return byName;
        }

        var byPrefix = _containers.Values.Where(c => c.Record.Id.StartsWith(key, StringComparison.Ordinal)).Take(2).ToList();
        return byPrefix.Count switch
        {
            1 => byPrefix[0],
            0 => throw NotFoundException.Container(idOrName),
            _ => throw new InvalidArgumentException($"multiple IDs found with provided prefix: {idOrName}"),
        };
    }

    private void Publish(ContainerEntry entry, string action, params (string Key, string Value)[] extra)
    {
        var attributes = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in entry.Record.Config.Labels)
        {
            attributes[key] = value;
        }

        attributes["name"] = entry.Record.Name;
        attributes["image"] = entry.Record.Config.Image;
        foreach (var (key, value) in extra)
        {
            attributes[key] = value;
        }

        _events.Publish("container", action, entry.Record.Id, attributes);
    }

    private void Track(Task task)
    {
        _background[task] = 0;
        task.ContinueWith(t => _background.TryRemove(t, out _), CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    private IContainerNetwork Network =>
        _network ?? throw new InvalidArgumentException("bridge networking is not available in this engine (no container network configured)");

    private static string NewId() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));

    private void Save(ContainerEntry entry)
    {
        lock (entry)
        {
            _store.Save(entry.Record);
        }
    }
}
