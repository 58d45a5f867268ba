using System.Globalization;
using Portal.Engine.Cgroups;

namespace Portal.Bench;

/// <summary>What the figures depend on: CPUs, kernel, cgroup layout, load.</summary>
internal static class HostFacts
{
    public static string Kernel => File.ReadAllText("/proc/sys/kernel/osrelease").Trim();

    public static string LoadAverage => string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));

    public static string CgroupLayout
    {
        get
        {
            if (CgroupManagerFactory.Detect() == CgroupVersion.V2)
            {
                return "unified cgroup v2";
            }

            var unified = "/sys/fs/cgroup/unified/cgroup.controllers";
            return File.Exists(unified)
                ? $"hybrid: cgroup v1 hierarchies + cgroup2 at /sys/fs/cgroup/unified (controllers: {File.ReadAllText(unified).Trim() switch { "" => "none", var c => c }})"
                : "cgroup v1";
        }
    }

    public static string Cpus => Environment.ProcessorCount.ToString(CultureInfo.InvariantCulture);
}
