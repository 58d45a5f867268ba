using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Data.Entities;

namespace Portal.Server.Deployments;

/// <summary>
/// Refuses a deployment that would exceed its team's quotas or overcommit host memory, saying by how much
/// (docs/deployments.md, Admission). Team quotas count every deployment that is not being removed; host memory
/// counts the limits of deployments desired running.
/// </summary>
public sealed class AdmissionControl(IHostMemory hostMemory, DeploymentOptions options)
{
    public const long MinimumReserveBytes = 512L * 1024 * 1024;

    /// <summary>Memory kept back for the host, Portal and the engine: configured, or the larger of 512 MiB and MemTotal/10.</summary>
    public long ReserveBytes(long totalBytes) => options.HostMemoryReserveBytes ?? Math.Max(MinimumReserveBytes, totalBytes / 10);

    /// <summary>
    /// Every reason to refuse <paramref name="memoryBytes"/>/<paramref name="nanoCpus"/> for <paramref name="team"/>;
    /// <paramref name="self"/> is the deployment being changed (left out of the sums), null for a new one.
    /// </summary>
    public async Task<IReadOnlyList<string>> CheckAsync(PortalDbContext db, Team team, Guid? self, long memoryBytes, long nanoCpus,
        bool desiredRunning, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(team);
        var others = await db.Deployments.AsNoTracking()
            .Where(d => d.DesiredState != DesiredState.Removed && (self == null || d.Id != self))
            .Select(d => new { d.TeamId, d.DesiredState, d.MemoryLimitBytes, d.NanoCpus })
            .ToListAsync(cancellationToken);
        var teamOthers = others.Where(d => d.TeamId == team.Id).ToList();
        var problems = new List<string>();

        if (team.MemoryQuotaBytes is { } memoryQuota)
        {
            var total = teamOthers.Sum(d => d.MemoryLimitBytes) + memoryBytes;
            if (total > memoryQuota)
            {
                problems.Add($"team {team.Name} would use {ByteSize.Format(total)} of its {ByteSize.Format(memoryQuota)} memory quota ({ByteSize.Format(total - memoryQuota)} over)");
            }
        }

        if (team.NanoCpusQuota is { } cpuQuota)
        {
            var total = teamOthers.Sum(d => d.NanoCpus) + nanoCpus;
            if (total > cpuQuota)
            {
                problems.Add($"team {team.Name} would use {ByteSize.FormatCpus(total)} of its {ByteSize.FormatCpus(cpuQuota)} CPUs quota ({ByteSize.FormatCpus(total - cpuQuota)} over)");
            }
        }

        if (self is null && team.MaxDeployments is { } maxDeployments && teamOthers.Count + 1 > maxDeployments)
        {
            problems.Add($"team {team.Name} would have {teamOthers.Count + 1} deployments, its quota is {maxDeployments} ({teamOthers.Count + 1 - maxDeployments} over)");
        }

        if (desiredRunning)
        {
            var hostTotal = hostMemory.TotalBytes;
            var reserve = ReserveBytes(hostTotal);
            var available = Math.Max(0, hostTotal - reserve);
            var running = others.Where(d => d.DesiredState == DesiredState.Running).Sum(d => d.MemoryLimitBytes) + memoryBytes;
            if (running > available)
            {
                problems.Add($"host memory would be overcommitted: deployments would use {ByteSize.Format(running)} of the {ByteSize.Format(available)} available to them ({ByteSize.Format(hostTotal)} total minus a {ByteSize.Format(reserve)} reserve) ({ByteSize.Format(running - available)} over)");
            }
        }

        return problems;
    }
}
