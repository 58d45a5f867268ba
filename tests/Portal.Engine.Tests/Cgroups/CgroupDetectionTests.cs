using Portal.Engine.Cgroups;
using Portal.Engine.Cgroups.V1;
using Portal.Engine.Cgroups.V2;
using Portal.Engine.Interop;

namespace Portal.Engine.Tests.Cgroups;

public sealed class CgroupDetectionTests
{
    private static bool UnifiedHost => File.ReadAllText("/proc/self/mountinfo")
        .Split('\n').Any(l => l.Contains(" /sys/fs/cgroup ", StringComparison.Ordinal) && l.Contains(" - cgroup2 ", StringComparison.Ordinal));

    [Fact]
    public void Detection_agrees_with_the_filesystem_mounted_at_sys_fs_cgroup()
    {
        // This machine kind is hybrid (tmpfs at /sys/fs/cgroup), so it picks v1; a unified host picks v2.
        Assert.Equal(UnifiedHost ? CgroupVersion.V2 : CgroupVersion.V1, CgroupManagerFactory.Detect());
    }

    [Fact]
    public void A_plain_directory_is_not_cgroup2()
    {
        using var dir = new TestSupport.TempDirectory();
        Assert.Equal(CgroupVersion.V1, CgroupManagerFactory.Detect(dir.Path));
    }

    [Fact]
    public void Detection_of_a_missing_path_names_it()
    {
        var ex = Assert.Throws<LinuxException>(() => CgroupManagerFactory.Detect("/nonexistent/cgroup"));
        Assert.StartsWith("statfs /nonexistent/cgroup: ENOENT", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Factory_builds_the_manager_of_the_given_version()
    {
        using var dir = new TestSupport.TempDirectory();
        var mountinfo = dir.Combine("mountinfo");
        File.WriteAllText(mountinfo, "34 30 0:31 / /sys/fs/cgroup/memory rw - cgroup cgroup rw,memory\n");
        var options = new EngineOptions { CgroupParent = "portal-x" };

        Assert.IsType<CgroupV2Manager>(CgroupManagerFactory.Create(options, CgroupVersion.V2, dir.Path, mountinfo));
        var v1 = Assert.IsType<CgroupV1Manager>(CgroupManagerFactory.Create(options, CgroupVersion.V1, dir.Path, mountinfo));
        Assert.Equal(["/sys/fs/cgroup/memory/portal-x"], v1.ParentPaths);
    }
}
