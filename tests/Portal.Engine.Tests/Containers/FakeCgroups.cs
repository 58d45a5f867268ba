using Portal.Engine.Cgroups;

namespace Portal.Engine.Tests.Containers;

internal sealed class FakeCgroups : ICgroupManager
{
    public Dictionary<string, FakeCgroup> Live { get; } = [];

    public CgroupVersion Version => CgroupVersion.V1;

    public ICgroup Create(string name, ResourceLimits limits)
    {
        lock (Live)
        {
            var cg = new FakeCgroup(name, limits, this);
            Live[name] = cg;
            return cg;
        }
    }

    public ICgroup? Open(string name)
    {
        lock (Live)
        {
            return Live.GetValueOrDefault(name);
        }
    }

    internal sealed class FakeCgroup(string name, ResourceLimits limits, FakeCgroups owner) : ICgroup
    {
        public string Name { get; } = name;
        public ResourceLimits Limits { get; } = limits;
        public ulong OomKills { get; set; }
        public IReadOnlyList<string> ProcsFiles => [$"/cg/memory/{Name}/cgroup.procs", $"/cg/pids/{Name}/cgroup.procs"];
        public void Apply(ResourceLimits limits) { }
        public CgroupStats ReadStats() => new() { OomKills = OomKills, MemoryUsage = 4096, PidsCurrent = 1 };
        public IReadOnlyList<int> GetPids() => [];
        public Task KillAllAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;

        public Task RemoveAsync(CancellationToken cancellationToken = default)
        {
            lock (owner.Live)
            {
                owner.Live.Remove(Name);
            }

            return Task.CompletedTask;
        }
    }
}
