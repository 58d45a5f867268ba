using Portal.Engine.Interop;
using Portal.Engine.Rootfs;
using Portal.Engine.Spec;
using Portal.Engine.Tests.Interop;
using Portal.Engine.Tests.TestSupport;
using static Portal.Engine.Interop.MountFlags;

namespace Portal.Engine.Tests.Rootfs;

public sealed class RootfsMounterTests : IDisposable
{
    private readonly TempDirectory temp = new();
    private readonly RecordingSyscalls sys = new();
    private readonly string root;

    public RootfsMounterTests()
    {
        root = temp.Combine("root");
        Directory.CreateDirectory(Path.Combine(root, "proc", "sys"));
        File.WriteAllText(Path.Combine(root, "proc", "kcore"), "");
        Directory.CreateDirectory(Path.Combine(root, "sys", "firmware"));
    }

    public void Dispose() => temp.Dispose();

    private RuntimeSpec Spec(params MountSpec[] mounts) => new()
    {
        Id = "c1",
        RootfsDir = root,
        RootfsMounts = mounts,
        Process = new ProcessSpec { Args = ["true"] },
        Log = new LogSpec(temp.Combine("log"), 1000, 1),
        StateDir = temp.Path,
        MaskedPaths = ["/proc/kcore", "/sys/firmware", "/proc/missing"],
        ReadonlyPaths = ["/proc/sys", "/proc/absent"],
    };

    private RecordingSyscalls.Call Mount(string target) => Assert.Single(sys.Mounts, m => m.Path == target);

    [Fact]
    public void MountsRunInRuncOrderEndingWithPivotRoot()
    {
        new RootfsMounter(sys).Build(Spec(new MountSpec("bind", "/src", "/", ["rbind"])));

        string Rel(string? path) => path == root ? "/" : path!.Replace(root, "", StringComparison.Ordinal);
        var sequence = sys.Calls.Where(c => c.Op is "mount" or "pivot_root" or "umount2")
            .Select(c => c.Op == "mount" ? $"{Rel(c.FsType ?? c.Source ?? "-")} {Rel(c.Path)}" : c.Op);
        Assert.Equal(
            [
                "- /", "/src /", "proc /proc", "tmpfs /dev", "devpts /dev/pts", "tmpfs /dev/shm", "mqueue /dev/mqueue",
                "sysfs /sys", "/dev/null /proc/kcore", "tmpfs /sys/firmware", "/proc/sys /proc/sys", "- /proc/sys",
                "pivot_root", "umount2",
            ],
            sequence);
        var lastRootChdir = sys.Calls.FindLastIndex(c => c.Op == "chdir" && c.Path == root);
        Assert.Equal(["chdir", "pivot_root", "umount2", "chdir"], sys.Calls.Skip(lastRootChdir).Select(c => c.Op));
        Assert.Equal(".", sys.Calls.Single(c => c.Op == "pivot_root").Path);
        Assert.Equal((ulong)MNT_DETACH, sys.Calls.Single(c => c.Op == "umount2").Flags);
        Assert.Equal("/", sys.Calls[^1].Path);
    }

    [Fact]
    public void EachMountHasDockersFlags()
    {
        new RootfsMounter(sys).Build(Spec(new MountSpec("bind", "/src", "/", ["rbind"])));

        Assert.Equal(MS_REC | MS_PRIVATE, sys.Calls[0].Flags);
        Assert.Equal("/", sys.Calls[0].Path);
        Assert.Equal(MS_BIND | MS_REC, Mount(root).Flags);
        Assert.Null(Mount(root).FsType);
        Assert.Equal(MS_NOSUID | MS_NOEXEC | MS_NODEV, Mount(root + "/proc").Flags);
        Assert.Equal(MS_NOSUID | MS_STRICTATIME, Mount(root + "/dev").Flags);
        Assert.Equal("mode=755,size=65536k", Mount(root + "/dev").Data);
        Assert.Equal("newinstance,ptmxmode=0666,mode=0620,gid=5", Mount(root + "/dev/pts").Data);
        Assert.Equal(MS_NOSUID | MS_NODEV | MS_NOEXEC, Mount(root + "/dev/shm").Flags);
        Assert.Equal(MS_NOSUID | MS_NOEXEC | MS_NODEV | MS_RDONLY, Mount(root + "/sys").Flags);
        Assert.Equal(MS_BIND, Mount(root + "/proc/kcore").Flags);
        Assert.Equal(MS_RDONLY, Mount(root + "/sys/firmware").Flags);
        var readonlyMounts = sys.Mounts.Where(m => m.Path == root + "/proc/sys").ToList();
        Assert.Equal([MS_BIND | MS_REC, MS_BIND | MS_REMOUNT | MS_RDONLY], readonlyMounts.Select(m => m.Flags));
        Assert.DoesNotContain(sys.Mounts, m => m.Path!.EndsWith("missing", StringComparison.Ordinal) || m.Path.EndsWith("absent", StringComparison.Ordinal));
    }

    [Fact]
    public void DevGetsNodesAndLinks()
    {
        new RootfsMounter(sys).Build(Spec());

        var nodes = sys.Calls.Where(c => c.Op == "mknod").ToDictionary(c => Path.GetFileName(c.Path!), c => c.Flags);
        Assert.Equal(new Dictionary<string, ulong>
        {
            ["null"] = 0x103,
            ["zero"] = 0x105,
            ["full"] = 0x107,
            ["random"] = 0x108,
            ["urandom"] = 0x109,
            ["tty"] = 0x500,
        }, nodes);
        var links = sys.Calls.Where(c => c.Op == "symlink").ToDictionary(c => Path.GetFileName(c.Path!), c => c.Source);
        Assert.Equal("pts/ptmx", links["ptmx"]);
        Assert.Equal("/proc/self/fd", links["fd"]);
        Assert.Equal("/proc/self/fd/2", links["stderr"]);
        // Without a snapshot mount the root is bound onto itself: pivot_root needs a mount point.
        Assert.Equal(MS_BIND | MS_REC, Mount(root).Flags);
    }

    [Fact]
    public void DevicesAreBoundFromTheHostWhenMknodIsRefused()
    {
        sys.MknodErrno = ErrnoNames.EPERM;
        new RootfsMounter(sys).Build(Spec());

        var null_ = Mount(root + "/dev/null");
        Assert.Equal("/dev/null", null_.Source);
        Assert.Equal(MS_BIND, null_.Flags);
        Assert.Contains(sys.Calls, c => c.Op == "create" && c.Path == root + "/dev/null");
    }

    [Fact]
    public void SysfsFallsBackToAReadOnlyBindOfTheHostsSys()
    {
        sys.SysfsErrno = ErrnoNames.EPERM;
        new RootfsMounter(sys).Build(Spec());

        var sysMounts = sys.Mounts.Where(m => m.Path == root + "/sys").ToList();
        Assert.Equal(3, sysMounts.Count);
        Assert.Equal("/sys", sysMounts[1].Source);
        Assert.Equal(MS_BIND | MS_REC, sysMounts[1].Flags);
        Assert.Equal(MS_BIND | MS_REMOUNT | MS_RDONLY, sysMounts[2].Flags & (MS_BIND | MS_REMOUNT | MS_RDONLY));
    }

    [Fact]
    public void OverlayOptionsBecomeDataAfterChdirToTheWorkingDirectory()
    {
        new RootfsMounter(sys).Build(Spec(new MountSpec("overlay", "overlay", "/",
            ["lowerdir=l/A:l/B", "upperdir=/u", "workdir=/w", "nosuid", "ro"], WorkingDirectory: "/layers")));

        var chdir = sys.Calls.FindIndex(c => c.Op == "chdir" && c.Path == "/layers");
        var overlay = sys.Calls.FindIndex(c => c.Op == "mount" && c.FsType == "overlay");
        Assert.True(chdir >= 0 && chdir == overlay - 1, "chdir to the working directory must come right before the overlay mount");
        var call = sys.Calls[overlay];
        Assert.Equal("lowerdir=l/A:l/B,upperdir=/u,workdir=/w", call.Data);
        Assert.Equal(MS_NOSUID | MS_RDONLY, call.Flags);
        Assert.Equal(root, call.Path);
    }

    [Fact]
    public void ASymlinkedMountTargetIsRefused()
    {
        Directory.Delete(Path.Combine(root, "proc"), recursive: true);
        File.CreateSymbolicLink(Path.Combine(root, "proc"), "/etc");

        var e = Assert.Throws<InvalidOperationException>(() => new RootfsMounter(sys).Build(Spec()));
        Assert.Contains("is a symlink", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(sys.Mounts, m => m.FsType == "proc");
    }

    [Fact]
    public void ASnapshotTargetThroughASymlinkOrDotDotIsRefused()
    {
        File.CreateSymbolicLink(Path.Combine(root, "data"), "/");
        Assert.Throws<InvalidOperationException>(() =>
            new RootfsMounter(sys).Build(Spec(new MountSpec("bind", "/v", "/data/x", ["bind"]))));
        Assert.Throws<InvalidOperationException>(() =>
            new RootfsMounter(new RecordingSyscalls()).Build(Spec(new MountSpec("bind", "/v", "/../x", ["bind"]))));
    }

    [Fact]
    public void MissingTargetsAreCreatedInsideTheRoot()
    {
        new RootfsMounter(sys).Build(Spec(new MountSpec("bind", "/v", "/var/lib/data", ["rbind", "ro"])));

        Assert.True(Directory.Exists(Path.Combine(root, "var", "lib", "data")));
        var target = root + "/var/lib/data";
        var binds = sys.Mounts.Where(m => m.Path == target).ToList();
        // The kernel ignores MS_RDONLY on the bind itself: read-only needs a remount.
        Assert.Equal([MS_BIND | MS_REC, MS_BIND | MS_REMOUNT | MS_RDONLY], binds.Select(m => m.Flags));
    }

    private RuntimeSpec SpecWithEtcFiles() => Spec(new MountSpec("bind", "/src", "/", ["rbind"])) with
    {
        EtcFiles = [new FileBindSpec("/c/hostname", "/etc/hostname"), new FileBindSpec("/c/hosts", "/etc/hosts")],
    };

    [Fact]
    public void EtcFilesAreBoundReadWriteAfterTheRootfsAndBeforeProc()
    {
        Directory.CreateDirectory(Path.Combine(root, "etc"));
        File.WriteAllText(Path.Combine(root, "etc", "hosts"), "image's own");

        new RootfsMounter(sys).Build(SpecWithEtcFiles());

        var order = sys.Mounts.Select(m => m.Source ?? m.FsType).ToList();
        Assert.Equal(["/src", "/c/hostname", "/c/hosts", "proc"], order.Skip(1).Take(4));
        Assert.Equal(MS_BIND, Mount(root + "/etc/hostname").Flags);
        Assert.Equal(MS_BIND, Mount(root + "/etc/hosts").Flags);
        Assert.Null(Mount(root + "/etc/hosts").FsType);
        Assert.True(File.Exists(Path.Combine(root, "etc", "hostname")));
        Assert.Contains(sys.Calls, c => c.Op == "create" && c.Path == root + "/etc/hostname");
        Assert.DoesNotContain(sys.Calls, c => c.Op == "create" && c.Path == root + "/etc/hosts");
    }

    [Fact]
    public void AnEtcFileTargetThatIsASymlinkIsRefused()
    {
        Directory.CreateDirectory(Path.Combine(root, "etc"));
        File.CreateSymbolicLink(Path.Combine(root, "etc", "hosts"), "/etc/shadow");

        var e = Assert.Throws<InvalidOperationException>(() => new RootfsMounter(sys).Build(SpecWithEtcFiles()));

        Assert.Contains("is a symlink", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(sys.Mounts, m => m.Source == "/c/hosts");
        Assert.DoesNotContain(sys.Calls, c => c.Op == "pivot_root");
    }

    [Fact]
    public void AnEtcDirectoryThatIsASymlinkIsRefused()
    {
        File.CreateSymbolicLink(Path.Combine(root, "etc"), "/etc");

        Assert.Throws<InvalidOperationException>(() => new RootfsMounter(sys).Build(SpecWithEtcFiles()));

        Assert.DoesNotContain(sys.Mounts, m => m.Source is "/c/hosts" or "/c/hostname");
    }
}
