namespace Portal.Client.Components.Admin;

/// <summary>A team's quotas as the form edits them: memory in GiB, empty fields are unlimited.</summary>
public sealed class TeamQuotaForm
{
    private const double Gib = 1024d * 1024 * 1024;

    public double? MemoryGib { get; set; }

    public double? Cpus { get; set; }

    public int? MaxDeployments { get; set; }

    public static TeamQuotaForm From(TeamResponse team)
    {
        ArgumentNullException.ThrowIfNull(team);
        return new TeamQuotaForm
        {
            MemoryGib = team.MemoryQuotaBytes is { } bytes ? Math.Round(bytes / Gib, 3) : null,
            Cpus = team.Cpus,
            MaxDeployments = team.MaxDeployments,
        };
    }

    public long? MemoryBytes => MemoryGib is { } gib ? (long)Math.Round(gib * Gib) : null;

    public UpdateTeamQuotasRequest ToUpdate(long version) => new(MemoryBytes, Cpus, MaxDeployments, version);

    public static string Describe(long? memoryBytes, double? cpus, int? maxDeployments) =>
        $"{(memoryBytes is { } m ? Format.Units.Bytes(m) : "unlimited")} memory · {(cpus is { } c ? $"{c:0.##} CPUs" : "unlimited CPUs")} · {(maxDeployments is { } d ? $"{d} deployments" : "unlimited deployments")}";
}
