using SysProcess = System.Diagnostics.Process;
using ProcessStartInfo = System.Diagnostics.ProcessStartInfo;
using System.Globalization;
using System.Text;
using Portal.Engine.Containers;
using Portal.Engine.Interop;
using Portal.Engine.Logs;
using Portal.Engine.Spec;
using Tmds.Linux;

namespace Portal.Engine.Runtime;

/// <summary>
/// Stage1: detaches from the engine, joins the container's cgroups, creates the namespaces (all but mount),
/// starts stage2 as PID 1 of the new PID namespace, reports to the engine once PID 1 has exec'd, then stays
/// as the container's monitor: it copies PID 1's stdout/stderr into the log and records the exit.
/// <code>
///   engine ──Process.Start──▶ shim ──unshare(UTS|IPC|NET|PID|CGROUP); Process.Start──▶ init (PID 1)
///   engine ◀─"ok &lt;pid&gt;" | "error &lt;code&gt; &lt;msg&gt;"── shim ◀─sync pipe: EOF at exec | "error …"── init
/// </code>
/// </summary>
internal static unsafe class Shim
{
    private const int NamespaceFlags = 0x04000000 /* UTS */ | 0x08000000 /* IPC */ | 0x40000000 /* NET */
        | 0x20000000 /* PID */ | 0x02000000 /* CGROUP */;

    public static int Run(string stateDir)
    {
        RuntimeSpec spec;
        LogWriter log;
        try
        {
            spec = ShimFiles.ReadSpec(stateDir);
            Detach(stateDir);
            log = new LogWriter(spec.Log);
        }
        catch (Exception e)
        {
            Handshake($"error 125 portal-init: {e.Message}");
            return 125;
        }

        SysProcess? init = null;
        try
        {
            init = StartInit(spec, stateDir, out var report);
            if (report.Length > 0)
            {
                init.WaitForExit();
                Handshake(report);
                return 125;
            }

            var self = Environment.ProcessId;
            ShimFiles.WriteAtomic(Path.Combine(stateDir, ShimFiles.State),
                new ShimState(self, ShimFiles.StartTicks(self) ?? 0, init.Id, DateTimeOffset.UtcNow),
                ShimJsonContext.Default.ShimState);
        }
        catch (Exception e)
        {
            // Nobody would monitor a container whose start is reported failed.
            init?.Kill();
            Handshake($"error 125 portal-init: {e.Message}");
            return 125;
        }

        Handshake("ok " + init.Id.ToString(CultureInfo.InvariantCulture));
        // From here on nothing points at the engine: it may restart or be killed while the container runs.
        Redirect("/dev/null", 1, LibC.O_WRONLY);
        return Monitor(log, stateDir, init);
    }

    /// <summary>Own session (the engine's process group and terminal signals no longer reach it), stdin from
    /// /dev/null and stderr to shim.log.</summary>
    private static void Detach(string stateDir)
    {
        _ = LibC.setsid();
        Redirect("/dev/null", 0, LibC.O_RDONLY);
        Redirect(Path.Combine(stateDir, ShimFiles.ShimLog), 2, LibC.O_WRONLY | LibC.O_CREAT | LibC.O_APPEND);
    }

    /// <summary>Joins the cgroups before any child exists, so nothing the container runs starts outside them,
    /// then starts stage2 and reads its report: empty once it has exec'd.</summary>
    private static SysProcess StartInit(RuntimeSpec spec, string stateDir, out string report)
    {
        var cgroupsBefore = File.ReadAllText("/proc/self/cgroup");
        foreach (var procs in spec.CgroupProcsFiles)
        {
            WritePid(procs);
        }

        var fds = stackalloc int[2];
        if (LibC.pipe2(fds, LibC.O_CLOEXEC) == -1)
        {
            throw LinuxException.FromLastError("pipe2");
        }

        // Only the write end is inherited; stage2 marks it close-on-exec again, so a successful execve closes
        // it and the shim reads EOF with no message.
        _ = LibC.fcntl(fds[1], LibC.F_SETFD, 0);
        var start = new ProcessStartInfo(Environment.ProcessPath!, ["init", stateDir])
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment.Clear();
        start.Environment[ShimFiles.SyncFdVariable] = fds[1].ToString(CultureInfo.InvariantCulture);
        SysProcess init;
        try
        {
            init = StartInNamespaces(start, spec.NetworkNamespacePath);
        }
        finally
        {
            _ = LibC.close(fds[1]);
        }

        LeaveContainerCgroups(cgroupsBefore, spec.CgroupProcsFiles);

        using var sync = new FileStream(new Microsoft.Win32.SafeHandles.SafeFileHandle(fds[0], ownsHandle: true), FileAccess.Read, 1);
        using var reader = new StreamReader(sync, Encoding.UTF8);
        report = reader.ReadToEnd().Trim();
        return init;
    }

    /// <summary>
    /// Stage2 was born inside the container's cgroups; the shim now steps back to where it came from, so the
    /// container's memory, pids and CPU figures (and its OOM killer) see only the container's own processes,
    /// as with runc, whose init process becomes the container process.
    /// </summary>
    private static void LeaveContainerCgroups(string before, IReadOnlyList<string> joined)
    {
        foreach (var procs in Cgroups.CgroupMembership.OriginalProcsFiles(
            before, File.ReadAllText("/proc/self/cgroup"), File.ReadAllText("/proc/self/mountinfo"), joined))
        {
            try
            {
                WritePid(procs);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                Console.Error.WriteLine($"portal-init: could not leave the container cgroup via {procs}: {e.Message}");
            }
        }
    }

    private static void WritePid(string procsFile)
    {
        using var file = new FileStream(procsFile, FileMode.Open, FileAccess.Write);
        file.Write(Encoding.ASCII.GetBytes(Environment.ProcessId.ToString(CultureInfo.InvariantCulture)));
    }

    /// <summary>
    /// Namespaces are per thread and Process.Start vforks on the calling thread, so unshare and start happen on
    /// one dedicated thread and the child is created inside them, as PID 1 of the new PID namespace. That thread
    /// must not create threads afterwards (the kernel refuses CLONE_THREAD once pid_ns_for_children differs,
    /// EINVAL), so .NET's signal-handling thread is started beforehand. The mount namespace is left to stage2:
    /// unsharing it here would let stage2's pivot_root re-root this process too.
    /// </summary>
    private static SysProcess StartInNamespaces(ProcessStartInfo start, string? networkNamespacePath)
    {
        using var warm = System.Runtime.InteropServices.PosixSignalRegistration.Create(
            System.Runtime.InteropServices.PosixSignal.SIGHUP, context => context.Cancel = true);
        SysProcess? process = null;
        Exception? error = null;
        var thread = new Thread(() =>
        {
            try
            {
                var flags = NamespaceFlags;
                if (networkNamespacePath is not null)
                {
                    JoinNetworkNamespace(networkNamespacePath);
                    flags &= ~Native.CLONE_NEWNET;
                }

                LinuxSyscalls.Instance.Unshare(flags);
                process = SysProcess.Start(start);
            }
            catch (Exception e) when (e is LinuxException or System.ComponentModel.Win32Exception or IOException or UnauthorizedAccessException)
            {
                error = e;
            }
        });
        thread.Start();
        thread.Join();
        return process ?? throw error ?? new InvalidOperationException("stage2 did not start");
    }

    /// <summary>The engine prepared the network namespace (veth, address, routes) before start: join it instead of a new one.</summary>
    private static void JoinNetworkNamespace(string path)
    {
        using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        if (LibC.setns((int)handle.DangerousGetHandle(), Native.CLONE_NEWNET) == -1)
        {
            throw LinuxException.FromLastError("setns CLONE_NEWNET", path);
        }
    }

    private static int Monitor(LogWriter log, string stateDir, SysProcess init)
    {
        using (log)
        {
            // Dedicated threads rather than the thread pool: a shim runs two loops for its whole life and the
            // pool's warm-up would sit on every container start.
            var pumps = new[]
            {
                StartPump(init.StandardOutput.BaseStream, LogStream.Stdout, log),
                StartPump(init.StandardError.BaseStream, LogStream.Stderr, log),
            };
            init.WaitForExit();
            var finished = DateTimeOffset.UtcNow;
            var code = init.ExitCode;
            // PID 1's exit kills the rest of its PID namespace, so the pipes close right after; the bound only
            // guards against a descendant that escaped the namespace holding them open.
            foreach (var pump in pumps)
            {
                pump.Join(TimeSpan.FromSeconds(5));
            }

            ShimFiles.WriteAtomic(Path.Combine(stateDir, ShimFiles.Exit),
                new ShimExit(code, code > 128 ? code - 128 : null, finished),
                ShimJsonContext.Default.ShimExit);
        }

        // The engine waits for this process to end before it reads exit.json; nothing is left to flush, so the
        // runtime's orderly shutdown would only delay every container's exit.
        LibC._exit(0);
        return 0;
    }

    private static Thread StartPump(Stream source, LogStream stream, LogWriter log)
    {
        var thread = new Thread(() => Pump(source, stream, log)) { IsBackground = true, Name = "pump-" + stream };
        thread.Start();
        return thread;
    }

    private static void Pump(Stream source, LogStream stream, LogWriter log)
    {
        var failed = false;
        void Write(ReadOnlySpan<byte> content, bool full)
        {
            try
            {
                log.Write(stream, content, full);
                failed = false;
            }
            catch (IOException e) when (!failed)
            {
                failed = true;
                Console.Error.WriteLine($"portal-init: dropping log lines: {e.Message}");
            }
            catch (IOException)
            {
            }
        }


        var buffer = new byte[LogFormat.MaxLineBytes];
        var filled = 0;
        int read;
        while ((read = source.Read(buffer, filled, buffer.Length - filled)) > 0)
        {
            var start = 0;
            var end = filled + read;
            int newline;
            while ((newline = Array.IndexOf(buffer, (byte)'\n', start, end - start)) >= 0)
            {
                Write(buffer.AsSpan(start, newline - start), full: true);
                start = newline + 1;
            }

            if (start == 0 && end == buffer.Length)
            {
                Write(buffer, full: false);
                start = end;
            }

            filled = end - start;
            Array.Copy(buffer, start, buffer, 0, filled);
        }

        if (filled > 0)
        {
            Write(buffer.AsSpan(0, filled), full: false);
        }
    }

    private static void Redirect(string path, int target, int flags)
    {
        fixed (byte* p = LinuxSyscalls.Z(path))
        {
            var fd = LibC.open(p, flags | LibC.O_CLOEXEC, (mode_t)(int)FileModes.Rw_r__r__);
            if (fd == -1)
            {
                throw LinuxException.FromLastError("open", path);
            }

            // dup2 clears O_CLOEXEC on the duplicate, so the stdio fds are inherited as they should be.
            _ = LibC.dup2(fd, target);
            _ = LibC.close(fd);
        }
    }

    private static void Handshake(string line)
    {
        var bytes = Encoding.UTF8.GetBytes(line.ReplaceLineEndings(" ") + "\n");
        fixed (byte* p = bytes)
        {
            _ = LibC.write(1, p, (size_t)bytes.Length);
        }
    }
}
