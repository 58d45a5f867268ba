using Portal.Engine.Rootfs;
using Portal.Engine.Spec;
using Portal.Engine.Tests.Interop;
using Portal.Engine.Tests.TestSupport;
using static Portal.Engine.Interop.MountFlags;

namespace Portal.Engine.Tests.Rootfs;

public sealed class VolumeMountTests : IDisposable
{
    private readonly TempDirectory temp = new();
    private readonly RecordingSyscalls sys = new();
    private readonly List<(string Source, string Volume, int CallIndex)> copies = [];
    private readonly string root;

    public VolumeMountTests()
    {
        root = temp.Combine("root");
        Directory.CreateDirectory(Path.Combine(root, "etc"));
    }

    public void Dispose() => temp.Dispose();

    private RootfsMounter Mounter() => new(sys) { CopyUp = (source, volume) => copies.Add((source, volume, sys.Calls.Count)) };

    private RuntimeSpec Spec(params VolumeBindSpec[] volumes) => new()
    {
        Id = "c1",
        RootfsDir = root,
        RootfsMounts = [new MountSpec("overlay", "overlay", "/", ["lowerdir=l/A", "upperdir=/u", "workdir=/w"])],
        Process = new ProcessSpec { Args = ["true"] },
        Log = new LogSpec(temp.Combine("log"), 1000, 1),
        StateDir = temp.Path,
        EtcFiles = [new FileBindSpec("/state/hosts", "/etc/hosts")],
        Volumes = volumes,
    };

    [Fact]
    public void Volumes_mount_after_the_rootfs_and_before_etc_files_and_proc_parents_first()
    {
        Mounter().Build(Spec(
            new VolumeBindSpec("/vol/child/_data", "/data/child", ReadOnly: false, CopyUp: true),
            new VolumeBindSpec("/vol/parent/_data", "/data", ReadOnly: false, CopyUp: true)));

        var sources = sys.Mounts.Select(m => m.FsType ?? m.Source ?? "-").ToList();
        Assert.Equal(["-", "overlay", "/vol/parent/_data", "-", "/vol/child/_data", "-", "/state/hosts", "proc"], sources.Take(8));
        Assert.Equal(root + "/data", sys.Mounts.ElementAt(2).Path);
        Assert.Equal(root + "/data/child", sys.Mounts.ElementAt(4).Path);
        Assert.True(Directory.Exists(Path.Combine(root, "data", "child")), "missing destinations are created inside the rootfs");
    }

    [Fact]
    public void A_volume_is_rbind_then_remounted_nosuid_nodev_and_read_only_when_asked()
    {
        Mounter().Build(Spec(
            new VolumeBindSpec("/vol/rw/_data", "/rw", ReadOnly: false, CopyUp: false),
            new VolumeBindSpec("/vol/ro/_data", "/ro", ReadOnly: true, CopyUp: false)));

        var rw = sys.Mounts.Where(m => m.Path == root + "/rw").ToList();
        Assert.Equal("/vol/rw/_data", rw[0].Source);
        Assert.Equal([MS_BIND | MS_REC | MS_NOSUID | MS_NODEV, MS_BIND | MS_REMOUNT | MS_NOSUID | MS_NODEV], rw.Select(m => m.Flags));
        var ro = sys.Mounts.Where(m => m.Path == root + "/ro").ToList();
        Assert.Equal(
            [MS_BIND | MS_REC | MS_NOSUID | MS_NODEV, MS_BIND | MS_REMOUNT | MS_NOSUID | MS_NODEV | MS_RDONLY],
            ro.Select(m => m.Flags));
        Assert.Null(ro[1].Source);
    }

    [Fact]
    public void Copy_up_reads_the_rootfs_destination_before_the_bind_and_nocopy_skips_it()
    {
        Mounter().Build(Spec(
            new VolumeBindSpec("/vol/a/_data", "/a", ReadOnly: false, CopyUp: true),
            new VolumeBindSpec("/vol/b/_data", "/b", ReadOnly: false, CopyUp: false)));

        var copy = Assert.Single(copies);
        Assert.Equal((root + "/a", "/vol/a/_data"), (copy.Source, copy.Volume));
        var bind = sys.Calls.FindIndex(c => c.Op == "mount" && c.Source == "/vol/a/_data");
        Assert.True(copy.CallIndex <= bind, "the image content must be copied before the volume hides it");
    }

    [Theory]
    [InlineData("/link/data")]
    [InlineData("/link")]
    public void A_destination_through_a_symlink_is_refused(string destination)
    {
        File.CreateSymbolicLink(Path.Combine(root, "link"), "/");
        var error = Assert.Throws<InvalidOperationException>(() =>
            Mounter().Build(Spec(new VolumeBindSpec("/vol/x/_data", destination, ReadOnly: false, CopyUp: true))));
        Assert.Contains("is a symlink", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(sys.Mounts, m => m.Source == "/vol/x/_data");
        Assert.Empty(copies);
    }
}
