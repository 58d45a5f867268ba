namespace Portal.Engine.Cgroups;

/// <summary>One cgroup filesystem mount: a v1 hierarchy with its controllers, or the v2 unified tree.</summary>
internal sealed record CgroupMount(string MountPoint, CgroupVersion Version, IReadOnlyList<string> Controllers);
