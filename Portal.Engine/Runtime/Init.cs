using System.Globalization;
using System.Text;
using Portal.Engine.Containers;
using Portal.Engine.Interop;
using Portal.Engine.ProcessSetup;
using Portal.Engine.Rootfs;
using Portal.Engine.Spec;
using Tmds.Linux;

namespace Portal.Engine.Runtime;

/// <summary>
/// Stage2, PID 1 of the container's PID namespace: builds the root in its own mount namespace, pivots into it,
/// applies hostname, loopback, rlimits, workdir, no_new_privs, user and capabilities, then execs the
/// container's program. Any failure goes back to the shim as "error &lt;docker exit code&gt; &lt;message&gt;" over
/// the sync pipe; a successful execve closes that pipe (it is close-on-exec) without a word.
/// </summary>
internal static unsafe class Init
{
    private const int CLONE_NEWNS = 0x00020000, ENOEXEC = 8;

    public static int Run(string stateDir)
    {
        var syncFd = int.TryParse(Environment.GetEnvironmentVariable(ShimFiles.SyncFdVariable), NumberStyles.None,
            CultureInfo.InvariantCulture, out var fd) ? fd : -1;
        if (syncFd < 3)
        {
            Console.Error.WriteLine("portal-init init: run by portal-init shim only");
            return 125;
        }

        _ = LibC.fcntl(syncFd, LibC.F_SETFD, LibC.FD_CLOEXEC);
        var sys = LinuxSyscalls.Instance;
        try
        {
            // Until execve nobody may ptrace this host binary or open /proc/1/exe to overwrite it (CVE-2019-5736).
            sys.Prctl(Native.PR_SET_DUMPABLE, 0);
            var spec = ShimFiles.ReadSpec(stateDir);
            Exec(sys, spec);
            return Report(syncFd, 125, "execve returned");
        }
        catch (ExecLookupException e)
        {
            return Report(syncFd, e.ExitCode, e.Message);
        }
        catch (LinuxException e) when (e.Operation == "execve")
        {
            var code = e.Errno is ErrnoNames.ENOENT ? 127 : e.Errno is ErrnoNames.EACCES or ENOEXEC ? 126 : 125;
            return Report(syncFd, code, e.Message);
        }
        catch (Exception e)
        {
            return Report(syncFd, 125, e.Message);
        }
    }

    private static void Exec(ISyscalls sys, RuntimeSpec spec)
    {
        var process = spec.Process;
        if (process.Args.Count == 0)
        {
            throw new ExecLookupException("no command specified", 125);
        }

        if (!process.Cwd.StartsWith('/'))
        {
            throw new InvalidOperationException($"working directory must be absolute: '{process.Cwd}'");
        }

        sys.Unshare(CLONE_NEWNS);
        var mounter = new RootfsMounter(sys);
        mounter.Build(spec);
        if (spec.Hostname.Length > 0)
        {
            sys.Sethostname(spec.Hostname);
        }

        Loopback.Up();
        Rlimits.Apply(sys, process.Rlimits);

        // Read as files from the container's own root, after pivot_root: never NSS (CVE-2019-14271).
        var user = UserResolver.Resolve(process.User, "/etc/passwd", "/etc/group");

        Directory.CreateDirectory(process.Cwd);
        sys.Chdir(process.Cwd);
        VerifyCwd(process.Cwd);
        mounter.FinalizeRootfs(spec);

        if (process.NoNewPrivileges)
        {
            sys.Prctl(Native.PR_SET_NO_NEW_PRIVS, 1);
        }

        // ALL names capabilities an older kernel may not have; capset refuses bits it does not know.
        var keep = Capabilities.Mask(process.Capabilities) & Capabilities.UpTo(KernelLastCapability());
        Capabilities.DropBounding(sys, keep);
        sys.Prctl(Native.PR_SET_KEEPCAPS, 1);
        sys.SetGroups(user.AdditionalGids);
        sys.SetResGid(user.Gid);
        sys.SetResUid(user.Uid);
        sys.Prctl(Native.PR_SET_KEEPCAPS, 0);
        Capabilities.Apply(sys, keep, user.Uid == 0);

        var env = process.Env.ToList();
        if (!env.Any(e => e.StartsWith("HOME=", StringComparison.Ordinal)))
        {
            env.Add("HOME=" + user.Home);
        }

        var path = ExecutableLookup.Find(process.Args[0], env);

        // No host fd may reach the container's program: a leaked directory fd is a way out of the root
        // (CVE-2024-21626). The sync pipe is among them, which is what tells the shim the exec happened.
        sys.CloseRangeCloexec(3);
        sys.Execve(path, process.Args, env);
    }

    private static int KernelLastCapability() =>
        int.TryParse(File.Exists("/proc/sys/kernel/cap_last_cap") ? File.ReadAllText("/proc/sys/kernel/cap_last_cap").Trim() : "",
            NumberStyles.None, CultureInfo.InvariantCulture, out var last) ? last : Capabilities.Last;

    /// <summary>A cwd reached through a leaked host fd (/proc/self/fd/N) lies outside the new root; getcwd
    /// then fails or answers "(unreachable)", which is refused (runc's verifyCwd).</summary>
    private static void VerifyCwd(string requested)
    {
        string actual;
        try
        {
            actual = Directory.GetCurrentDirectory();
        }
        catch (IOException)
        {
            actual = "(unreachable)";
        }

        if (!actual.StartsWith('/'))
        {
            throw new InvalidOperationException($"working directory {requested} is outside the container root");
        }
    }

    private static int Report(int syncFd, int code, string message)
    {
        var bytes = Encoding.UTF8.GetBytes($"error {code} {message.ReplaceLineEndings(" ")}\n");
        fixed (byte* p = bytes)
        {
            _ = LibC.write(syncFd, p, (size_t)bytes.Length);
        }

        return code;
    }
}
