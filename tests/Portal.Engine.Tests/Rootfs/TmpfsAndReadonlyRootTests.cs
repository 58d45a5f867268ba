using Portal.Engine.Containers;
using Portal.Engine.Interop;
using Portal.Engine.Rootfs;
using Portal.Engine.Spec;
using Portal.Engine.Tests.Interop;
using Portal.Engine.Tests.TestSupport;
using static Portal.Engine.Interop.MountFlags;

namespace Portal.Engine.Tests.Rootfs;

public sealed class TmpfsAndReadonlyRootTests : IDisposable
{
    private readonly TempDirectory temp = new();
    private readonly RecordingSyscalls sys = new();
    private readonly string root;

    public TmpfsAndReadonlyRootTests()
    {
        root = temp.Combine("root");
        Directory.CreateDirectory(Path.Combine(root, "etc"));
    }

    public void Dispose() => temp.Dispose();

    private RootfsMounter Mounter() => new(sys) { CopyUp = (_, _) => { } };

    private RuntimeSpec Spec(bool readonlyRoot, IReadOnlyList<VolumeBindSpec> volumes, params TmpfsSpec[] tmpfs) => new()
    {
        Id = "c1",
        RootfsDir = root,
        RootfsMounts = [new MountSpec("overlay", "overlay", "/", ["lowerdir=l/A", "upperdir=/u", "workdir=/w"])],
        Process = new ProcessSpec { Args = ["true"] },
        Log = new LogSpec(temp.Combine("log"), 1000, 1),
        StateDir = temp.Path,
        EtcFiles = [new FileBindSpec("/state/hosts", "/etc/hosts")],
        Volumes = volumes,
        Tmpfs = tmpfs,
        ReadonlyRootfs = readonlyRoot,
    };

    private string Rel(string? path) => path == root ? "/" : path!.Replace(root, "", StringComparison.Ordinal);

    [Fact]
    public void Tmpfs_mounts_join_volumes_parents_first_after_the_rootfs_and_before_etc_files()
    {
        Mounter().Build(Spec(false,
            [new VolumeBindSpec("/vol/a/_data", "/tmp/data", ReadOnly: false, CopyUp: false)],
            new TmpfsSpec("/tmp", TmpfsOptions.ForMount("size=64m")),
            new TmpfsSpec("/run/app", TmpfsOptions.ForMount(""))));

        var sequence = sys.Mounts.Select(m => $"{m.FsType ?? m.Source ?? "-"} {Rel(m.Path)}").ToList();
        Assert.Equal(["- /", "overlay /", "tmpfs /tmp", "/vol/a/_data /tmp/data", "- /tmp/data", "tmpfs /run/app", "/state/hosts /etc/hosts", "proc /proc"],
            sequence.Take(8));
        Assert.True(Directory.Exists(Path.Combine(root, "run", "app")), "a missing tmpfs target is created inside the root");
    }

    [Fact]
    public void A_tmpfs_gets_dockers_default_flags_unless_the_options_override_them_and_keeps_its_data()
    {
        Mounter().Build(Spec(false, [],
            new TmpfsSpec("/tmp", TmpfsOptions.ForMount("rw,size=64m,mode=1777")),
            new TmpfsSpec("/x", TmpfsOptions.ForMount("exec,ro"))));

        var tmp = Assert.Single(sys.Mounts, m => m.Path == root + "/tmp");
        Assert.Equal(("tmpfs", "tmpfs"), (tmp.Source, tmp.FsType));
        Assert.Equal(MountFlags.Format(MS_NOEXEC | MS_NOSUID | MS_NODEV), MountFlags.Format(tmp.Flags));
        Assert.Equal("size=64m,mode=1777", tmp.Data);
        var x = Assert.Single(sys.Mounts, m => m.Path == root + "/x");
        Assert.Equal(MountFlags.Format(MS_NOSUID | MS_NODEV | MS_RDONLY), MountFlags.Format(x.Flags));
        Assert.Null(x.Data);
    }

    [Fact]
    public void A_tmpfs_target_through_a_symlink_is_refused()
    {
        File.CreateSymbolicLink(Path.Combine(root, "tmp"), "/");
        var error = Assert.Throws<InvalidOperationException>(() => Mounter().Build(Spec(false, [], new TmpfsSpec("/tmp", TmpfsOptions.ForMount("")))));
        Assert.Contains("is a symlink", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(sys.Mounts, m => m.FsType == "tmpfs" && m.Path == root + "/tmp");
    }

    [Fact]
    public void A_read_only_root_is_a_non_recursive_bind_remount_of_the_new_root_after_pivot_root()
    {
        var mounter = Mounter();
        var spec = Spec(true, [new VolumeBindSpec("/vol/a/_data", "/data", ReadOnly: false, CopyUp: false)], new TmpfsSpec("/tmp", TmpfsOptions.ForMount("")));
        mounter.Build(spec);
        mounter.FinalizeRootfs(spec);

        var pivot = sys.Calls.FindIndex(c => c.Op == "pivot_root");
        var remount = sys.Calls.FindLastIndex(c => c.Op == "mount");
        Assert.True(remount > pivot, "the root is made read-only only once everything is mounted and pivoted");
        var call = sys.Calls[remount];
        Assert.Equal(("/", (string?)null, (string?)null), (call.Path, call.Source, call.FsType));
        Assert.Equal(MountFlags.Format(MS_BIND | MS_REMOUNT | MS_RDONLY), MountFlags.Format(call.Flags));
        Assert.Single(sys.Mounts, m => (m.Flags & MS_RDONLY) != 0 && (m.Flags & MS_REMOUNT) != 0);
    }

    [Fact]
    public void A_writable_root_is_not_remounted()
    {
        var mounter = Mounter();
        var spec = Spec(false, []);
        mounter.Build(spec);
        var before = sys.Calls.Count;
        mounter.FinalizeRootfs(spec);
        Assert.Equal(before, sys.Calls.Count);
    }
}
