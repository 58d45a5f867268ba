namespace Portal.Data.Entities;

/// <summary>A team and its quotas; a null quota means unlimited.</summary>
public sealed class Team : IVersioned
{
    public int Id { get; set; }

    /// <summary>Unique, case-insensitive.</summary>
    public required string Name { get; set; }

    public long? MemoryQuotaBytes { get; set; }

    /// <summary>CPU quota in billionths of a CPU, Docker's NanoCpus unit (1.5 CPUs = 1_500_000_000).</summary>
    public long? NanoCpusQuota { get; set; }

    public int? MaxDeployments { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public List<Membership> Memberships { get; } = [];

    public List<Deployment> Deployments { get; } = [];

    public long Version { get; set; }
}
