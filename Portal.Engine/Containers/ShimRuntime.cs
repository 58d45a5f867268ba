using System.Globalization;
using System.Runtime.InteropServices;
using Microsoft.Extensions.Logging;
using Portal.Engine.Interop;
using Portal.Engine.Spec;
using Tmds.Linux;
using SysProcess = System.Diagnostics.Process;
using ProcessStartInfo = System.Diagnostics.ProcessStartInfo;

namespace Portal.Engine.Containers;

/// <summary>
/// Runs containers through the portal-init helper. The engine talks to a shim only at start (one handshake
/// line on the shim's stdout); afterwards it knows the shim by its state files and its pid + start time, so a
/// restarted engine re-adopts running containers from their state directories.
/// </summary>
public sealed class ShimRuntime(EngineOptions options, ILogger<ShimRuntime> logger) : IContainerRuntime
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(200);

    public async Task<ShimState> StartAsync(RuntimeSpec spec, CancellationToken cancellationToken = default)
    {
        ShimLog.Starting(logger, spec.Id, spec.StateDir);
        Directory.CreateDirectory(spec.StateDir);
        File.Delete(Path.Combine(spec.StateDir, ShimFiles.Exit));
        File.Delete(Path.Combine(spec.StateDir, ShimFiles.State));
        ShimFiles.WriteAtomic(Path.Combine(spec.StateDir, ShimFiles.Spec), spec, SpecJsonContext.Default.RuntimeSpec);

        var start = new ProcessStartInfo(options.InitPath, ["shim", spec.StateDir])
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
        };
        SysProcess shim;
        try
        {
            shim = SysProcess.Start(start) ?? throw new ContainerStartException($"could not start {options.InitPath}", 125);
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new ContainerStartException($"could not start {options.InitPath}: {e.Message}", 125);
        }

        using (shim)
        {
            shim.StandardInput.Close();
            string? line;
            try
            {
                line = await shim.StandardOutput.ReadLineAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                Abandon(spec.StateDir, shim);
                throw;
            }

            return Handshake(spec, line);
        }
    }

    private ShimState Handshake(RuntimeSpec spec, string? line)
    {
        if (line is not null && line.StartsWith("ok ", StringComparison.Ordinal) && ReadState(spec.StateDir) is { } state)
        {
            ShimLog.Started(logger, spec.Id, state.ShimPid, state.InitPid);
            return state;
        }

        var (code, message) = ParseError(line, spec.StateDir);
        ShimLog.StartFailed(logger, spec.Id, code, message);
        throw new ContainerStartException(message, code);
    }

    private static (int Code, string Message) ParseError(string? line, string stateDir)
    {
        var parts = line?.Split(' ', 3) ?? [];
        if (parts.Length == 3 && parts[0] == "error" && int.TryParse(parts[1], CultureInfo.InvariantCulture, out var code))
        {
            return (code, parts[2]);
        }

        var shimLog = Path.Combine(stateDir, ShimFiles.ShimLog);
        var detail = File.Exists(shimLog) ? File.ReadAllText(shimLog).Trim() : "";
        return (125, $"portal-init shim exited without a handshake{(line is null ? "" : $" (said: {line})")}"
            + (detail.Length > 0 ? ": " + detail : ""));
    }

    /// <summary>A start the caller gave up on leaves nothing running.</summary>
    private void Abandon(string stateDir, SysProcess shim)
    {
        if (ReadState(stateDir) is { } state)
        {
            Signal(state, Signals.SIGKILL);
        }

        try
        {
            shim.Kill();
        }
        catch (InvalidOperationException)
        {
        }
    }

    public ShimState? ReadState(string stateDirectory) =>
        ShimFiles.Read(Path.Combine(stateDirectory, ShimFiles.State), ShimJsonContext.Default.ShimState);

    public ShimExit? ReadExit(string stateDirectory) =>
        ShimFiles.Read(Path.Combine(stateDirectory, ShimFiles.Exit), ShimJsonContext.Default.ShimExit);

    public bool IsAlive(ShimState state) => ShimFiles.StartTicks(state.ShimPid) == state.ShimStartTicks;

    public async Task<ShimExit> WaitForExitAsync(string stateDirectory, ShimState state, CancellationToken cancellationToken = default)
    {
        // A pidfd works for any process, not only children: after an engine restart the shims are not ours.
        var pidfd = Native.pidfd_open(state.ShimPid, 0);
        if (pidfd >= 0)
        {
            try
            {
                // Checked after opening the pidfd, so a pid recycled in between is not mistaken for the shim.
                if (IsAlive(state))
                {
                    await Task.Factory.StartNew(() => PollUntilExit(pidfd, cancellationToken), cancellationToken,
                        TaskCreationOptions.LongRunning, TaskScheduler.Default).ConfigureAwait(false);
                }
            }
            finally
            {
                _ = LibC.close(pidfd);
            }
        }

        return ReadExit(stateDirectory) ?? new ShimExit(255, null, DateTimeOffset.UtcNow, "shim died");
    }

    private static unsafe void PollUntilExit(int pidfd, CancellationToken cancellationToken)
    {
        var fds = new Native.PollFd { Fd = pidfd, Events = Native.POLLIN };
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var rv = Native.poll(&fds, 1, (int)PollInterval.TotalMilliseconds);
            if (rv > 0)
            {
                return;
            }

            if (rv == -1 && Marshal.GetLastPInvokeError() != ErrnoNames.EINTR)
            {
                throw LinuxException.FromLastError("poll", "pidfd");
            }
        }
    }

    public void Signal(ShimState state, int signal)
    {
        // Once the shim is gone its PID 1 was reaped and the pid may belong to someone else.
        if (!IsAlive(state))
        {
            return;
        }

        ShimLog.Signalling(logger, signal, state.InitPid);
        if (LibC.kill(state.InitPid, signal) == -1 && Marshal.GetLastPInvokeError() != ErrnoNames.ESRCH)
        {
            throw LinuxException.FromLastError("kill", state.InitPid.ToString(CultureInfo.InvariantCulture));
        }
    }
}
