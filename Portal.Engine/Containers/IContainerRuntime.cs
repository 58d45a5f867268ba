using Portal.Engine.Spec;

namespace Portal.Engine.Containers;

/// <summary>
/// Runs containers through portal-init: one detached shim (stage1) per container that outlives the
/// engine process, and the container's PID 1 (stage2). Implemented over the real helper binary.
/// </summary>
public interface IContainerRuntime
{
    /// <summary>Writes the spec to its state directory, starts the shim and returns once PID 1 has exec'd the
    /// container's program. Throws ContainerStartException when it could not (nothing keeps running then).</summary>
    Task<ShimState> StartAsync(RuntimeSpec spec, CancellationToken cancellationToken = default);

    /// <summary>The shim state recorded in <paramref name="stateDirectory"/>, or null when there is none.</summary>
    ShimState? ReadState(string stateDirectory);

    /// <summary>True while that exact shim process (pid and start time) is alive.</summary>
    bool IsAlive(ShimState state);

    /// <summary>Completes when the shim has exited (works for shims started by an earlier engine process,
    /// which are not its children) and returns the exit it recorded; a shim that died without recording
    /// one gives exit code 255 with an error.</summary>
    Task<ShimExit> WaitForExitAsync(string stateDirectory, ShimState state, CancellationToken cancellationToken = default);

    /// <summary>The recorded exit, or null while none is recorded.</summary>
    ShimExit? ReadExit(string stateDirectory);

    /// <summary>Sends a signal to the container's PID 1 (ESRCH is ignored: it already exited).</summary>
    void Signal(ShimState state, int signal);
}
