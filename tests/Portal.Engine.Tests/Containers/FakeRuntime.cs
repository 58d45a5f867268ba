using System.Collections.Concurrent;
using Portal.Engine.Containers;
using Portal.Engine.Spec;

namespace Portal.Engine.Tests.Containers;

/// <summary>A runtime whose "processes" end when the test says so or when signalled.</summary>
internal sealed class FakeRuntime : IContainerRuntime
{
    private int _nextPid = 1000;
    private readonly ConcurrentDictionary<string, Process> _byStateDir = new();

    public List<RuntimeSpec> Started { get; } = [];
    public List<(int Pid, int Signal)> Signals { get; } = [];
    public HashSet<int> IgnoredSignals { get; } = [];
    public Func<RuntimeSpec, Exception?> FailStart { get; set; } = _ => null;

    public Task<ShimState> StartAsync(RuntimeSpec spec, CancellationToken cancellationToken = default)
    {
        if (FailStart(spec) is { } failure)
        {
            throw failure;
        }

        lock (Started)
        {
            Started.Add(spec);
        }

        var pid = Interlocked.Increment(ref _nextPid);
        var state = new ShimState(pid + 50_000, (ulong)pid, pid, DateTimeOffset.UtcNow);
        _byStateDir[spec.StateDir] = new Process(state);
        return Task.FromResult(state);
    }

    public ShimState? ReadState(string stateDirectory) =>
        _byStateDir.TryGetValue(stateDirectory, out var p) ? p.State : null;

    public bool IsAlive(ShimState state) => Find(state) is { Exit.Task.IsCompleted: false };

    public async Task<ShimExit> WaitForExitAsync(string stateDirectory, ShimState state, CancellationToken cancellationToken = default) =>
        await Find(state)!.Exit.Task.WaitAsync(cancellationToken);

    public ShimExit? ReadExit(string stateDirectory) =>
        _byStateDir.TryGetValue(stateDirectory, out var p) && p.Exit.Task.IsCompleted ? p.Exit.Task.Result : null;

    public void Signal(ShimState state, int signal)
    {
        lock (Signals)
        {
            Signals.Add((state.InitPid, signal));
        }

        if (signal == 9 || !IgnoredSignals.Contains(signal))
        {
            Find(state)?.Exit.TrySetResult(new ShimExit(128 + signal, signal, DateTimeOffset.UtcNow));
        }
    }

    /// <summary>Ends the process of the container whose state dir ends with its id.</summary>
    public void Exit(string containerId, int code)
    {
        var p = _byStateDir.Single(kv => kv.Key.Contains(containerId, StringComparison.Ordinal) && !kv.Value.Exit.Task.IsCompleted).Value;
        p.Exit.TrySetResult(new ShimExit(code, null, DateTimeOffset.UtcNow));
    }

    /// <summary>Simulates the process ending while no engine watched it.</summary>
    public void ExitSilently(string containerId, int code) => Exit(containerId, code);

    private Process? Find(ShimState state) => _byStateDir.Values.FirstOrDefault(p => p.State == state);

    private sealed class Process(ShimState state)
    {
        public ShimState State { get; } = state;
        public TaskCompletionSource<ShimExit> Exit { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
