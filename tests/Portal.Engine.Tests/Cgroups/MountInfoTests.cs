using Portal.Engine.Cgroups;

namespace Portal.Engine.Tests.Cgroups;

public sealed class MountInfoTests
{
    private const string Hybrid = """
        22 1 0:21 / / rw,relatime - overlay overlay rw,lowerdir=/a
        30 22 0:27 / /sys/fs/cgroup rw,relatime - tmpfs tmpfs rw,mode=755
        31 30 0:28 / /sys/fs/cgroup/cpu rw,relatime - cgroup cgroup rw,cpu
        32 30 0:29 / /sys/fs/cgroup/cpuacct rw,relatime - cgroup cgroup rw,cpuacct
        33 30 0:30 / /sys/fs/cgroup/cpuset rw,relatime - cgroup cgroup rw,cpuset
        34 30 0:31 / /sys/fs/cgroup/memory rw,relatime - cgroup cgroup rw,memory
        38 30 0:35 / /sys/fs/cgroup/pids rw,relatime - cgroup cgroup rw,pids
        39 30 0:36 / /sys/fs/cgroup/systemd rw,relatime - cgroup cgroup rw,name=systemd
        40 30 0:37 / /sys/fs/cgroup/unified rw,relatime - cgroup2 cgroup2 rw
        """;

    private const string Combined = """
        25 20 0:22 / /sys/fs/cgroup rw,nosuid,nodev,noexec - tmpfs tmpfs ro,mode=755
        28 25 0:25 / /sys/fs/cgroup/cpu,cpuacct rw,nosuid,nodev,noexec,relatime shared:10 - cgroup cgroup rw,cpu,cpuacct
        29 25 0:26 / /sys/fs/cgroup/net_cls,net_prio rw,nosuid shared:11 - cgroup cgroup rw,net_cls,net_prio
        30 25 0:27 / /sys/fs/cgroup/memory rw,nosuid shared:12 - cgroup cgroup rw,memory
        31 25 0:28 / /sys/fs/cgroup/my\040cgroups rw,nosuid shared:13 - cgroup cgroup rw,freezer
        """;

    private const string Unified = """
        22 1 0:21 / / rw,relatime - ext4 /dev/sda1 rw
        26 22 0:23 / /sys/fs/cgroup rw,nosuid,nodev,noexec,relatime shared:4 - cgroup2 cgroup2 rw,nsdelegate,memory_recursiveprot
        """;

    [Fact]
    public void Separate_v1_hierarchies_map_each_controller_to_its_mount()
    {
        var map = MountInfo.V1Controllers(MountInfo.Parse(Hybrid));

        Assert.Equal("/sys/fs/cgroup/cpu", map["cpu"]);
        Assert.Equal("/sys/fs/cgroup/cpuacct", map["cpuacct"]);
        Assert.Equal("/sys/fs/cgroup/memory", map["memory"]);
        Assert.Equal("/sys/fs/cgroup/pids", map["pids"]);
        Assert.DoesNotContain("name=systemd", map.Keys);
        Assert.DoesNotContain("rw", map.Keys);
    }

    [Fact]
    public void Combined_v1_controllers_share_one_mount_and_escapes_are_decoded()
    {
        var map = MountInfo.V1Controllers(MountInfo.Parse(Combined));

        Assert.Equal("/sys/fs/cgroup/cpu,cpuacct", map["cpu"]);
        Assert.Equal("/sys/fs/cgroup/cpu,cpuacct", map["cpuacct"]);
        Assert.Equal("/sys/fs/cgroup/net_cls,net_prio", map["net_prio"]);
        Assert.Equal("/sys/fs/cgroup/my cgroups", map["freezer"]);
    }

    [Fact]
    public void Pure_v2_has_one_unified_mount_and_no_v1_controllers()
    {
        var mounts = MountInfo.Parse(Unified);

        var mount = Assert.Single(mounts);
        Assert.Equal(new CgroupMount("/sys/fs/cgroup", CgroupVersion.V2, []).MountPoint, mount.MountPoint);
        Assert.Equal(CgroupVersion.V2, mount.Version);
        Assert.Empty(MountInfo.V1Controllers(mounts));
    }

    [Fact]
    public void Manager_from_mountinfo_joins_separately_mounted_hierarchies()
    {
        using var dir = new TestSupport.TempDirectory();
        var path = dir.Combine("mountinfo");
        File.WriteAllText(path, Hybrid);

        var manager = Portal.Engine.Cgroups.V1.CgroupV1Manager.FromMountInfo(path, "portal");

        Assert.Equal(
            new[] { "cpu", "cpuacct", "memory", "pids" }.Select(c => $"/sys/fs/cgroup/{c}/portal").Order(),
            manager.ParentPaths.Order());
    }
}
