using Portal.Engine.Cgroups;

namespace Portal.Engine.Tests.Cgroups;

public sealed class CgroupMembershipTests
{
    [Fact]
    public void V1_hierarchies_map_back_to_where_the_process_came_from()
    {
        const string before = "5:pids:/user.slice\n4:memory:/\n3:cpu,cpuacct:/svc\n1:name=systemd:/user.slice\n0::/\n";
        const string after = "5:pids:/portal/c1\n4:memory:/portal/c1\n3:cpu,cpuacct:/portal/c1\n1:name=systemd:/user.slice\n0::/\n";
        string[] joined =
        [
            "/sys/fs/cgroup/pids/portal/c1/cgroup.procs",
            "/sys/fs/cgroup/memory/portal/c1/cgroup.procs",
            "/sys/fs/cgroup/cpu,cpuacct/portal/c1/cgroup.procs",
        ];

        const string mountInfo =
            "30 25 0:26 / /sys/fs/cgroup/pids rw,nosuid - cgroup cgroup rw,pids\n" +
            "31 25 0:27 / /sys/fs/cgroup/memory rw,nosuid - cgroup cgroup rw,memory\n" +
            "32 25 0:28 / /sys/fs/cgroup/cpu,cpuacct rw,nosuid - cgroup cgroup rw,cpuacct,cpu\n" +
            "33 25 0:29 / /sys/fs/cgroup/unified rw,nosuid - cgroup2 cgroup2 rw\n";
        var original = CgroupMembership.OriginalProcsFiles(before, after, mountInfo, joined);

        Assert.Equal(
            ["/sys/fs/cgroup/pids/user.slice/cgroup.procs", "/sys/fs/cgroup/memory/cgroup.procs", "/sys/fs/cgroup/cpu,cpuacct/svc/cgroup.procs"],
            original);
    }

    [Fact]
    public void V2_single_hierarchy_maps_back()
    {
        var original = CgroupMembership.OriginalProcsFiles(
            "0::/system.slice/portal.service\n", "0::/portal/c1\n",
            "25 1 0:22 / /sys/fs/cgroup rw - cgroup2 cgroup2 rw\n", ["/sys/fs/cgroup/portal/c1/cgroup.procs"]);

        Assert.Equal(["/sys/fs/cgroup/system.slice/portal.service/cgroup.procs"], original);
    }

    [Fact]
    public void Unchanged_or_unknown_hierarchies_are_left_alone()
    {
        var original = CgroupMembership.OriginalProcsFiles("0::/a\n", "0::/a\n",
            "25 1 0:22 / /sys/fs/cgroup rw - cgroup2 cgroup2 rw\n", ["/sys/fs/cgroup/portal/c1/cgroup.procs", "/elsewhere/cgroup.procs"]);

        Assert.Empty(original);
    }
}
