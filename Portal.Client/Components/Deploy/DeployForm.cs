using System.Globalization;
using System.Text.RegularExpressions;

namespace Portal.Client.Components.Deploy;

/// <summary>
/// The whole deploy form: deployment name (a DNS label, as DeploymentService.ValidateName), team, memory limit (MiB)
/// and CPUs checked against the appliance's requirements and the chosen team's quota, and the config settings.
/// </summary>
public sealed partial class DeployForm
{
    public const long MiB = 1024 * 1024;

    public DeployForm(ApplianceVersionDetailResponse version)
    {
        ArgumentNullException.ThrowIfNull(version);
        Version = version;
        Config = new ConfigForm(version.Config);
        Name = SuggestName(version.StableId);
        Memory = version.Requirements.MemoryBytes is { } bytes ? (Math.Ceiling(bytes / (double)MiB)).ToString(CultureInfo.InvariantCulture) : null;
        Cpus = version.Requirements.Cpus?.ToString(CultureInfo.InvariantCulture);
    }

    public ApplianceVersionDetailResponse Version { get; }

    public ConfigForm Config { get; }

    public string? Name { get; set; }

    public int? TeamId { get; set; }

    /// <summary>The chosen team's quotas, when read (null quotas are unlimited).</summary>
    public TeamResponse? Team { get; set; }

    /// <summary>Memory limit in MiB; empty leaves it to the appliance's or the portal's default.</summary>
    public string? Memory { get; set; }

    /// <summary>CPUs (1.5 = one and a half); empty leaves it to the default.</summary>
    public string? Cpus { get; set; }

    public bool SubmitTried { get; set; }

    public static string? CheckName(string? name) =>
        string.IsNullOrEmpty(name) ? "A name is required."
        : DnsLabel().IsMatch(name) ? null
        : "Use 1-63 lower-case letters, digits and '-', starting and ending with a letter or digit.";

    public string? NameError => CheckName(Name);

    public string? TeamError => TeamId is null ? "Choose a team." : null;

    public string? MemoryError
    {
        get
        {
            if (string.IsNullOrWhiteSpace(Memory))
            {
                return null;
            }

            if (!long.TryParse(Memory, NumberStyles.None, CultureInfo.InvariantCulture, out var mib) || mib <= 0)
            {
                return "Must be a whole number of MiB above 0.";
            }

            if (Version.Requirements.MemoryBytes is { } needs && mib * MiB < needs)
            {
                return $"The appliance needs at least {Math.Ceiling(needs / (double)MiB)} MiB.";
            }

            return Team?.MemoryQuotaBytes is { } quota && mib * MiB > quota
                ? $"Above the team's memory quota of {quota / MiB} MiB by {mib - quota / MiB} MiB."
                : null;
        }
    }

    public string? CpusError
    {
        get
        {
            if (string.IsNullOrWhiteSpace(Cpus))
            {
                return null;
            }

            if (!double.TryParse(Cpus, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var cpus) || cpus <= 0 || cpus > 1024)
            {
                return "Must be a number of CPUs above 0 and at most 1024 (use . for decimals).";
            }

            return Team?.Cpus is { } quota && cpus > quota
                ? $"Above the team's quota of {quota.ToString(CultureInfo.InvariantCulture)} CPUs by {(cpus - quota).ToString("0.###", CultureInfo.InvariantCulture)}."
                : null;
        }
    }

    public bool IsValid => NameError is null && TeamError is null && MemoryError is null && CpusError is null && Config.IsValid;

    public DeployBody ToBody() => new(
        Version.Id, Name, Config.ToConfig(),
        string.IsNullOrWhiteSpace(Memory) ? null : long.Parse(Memory, CultureInfo.InvariantCulture) * MiB,
        string.IsNullOrWhiteSpace(Cpus) ? null : double.Parse(Cpus, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture));

    public static string DescribeQuota(TeamResponse team)
    {
        ArgumentNullException.ThrowIfNull(team);
        var memory = team.MemoryQuotaBytes is { } m ? FormatMemory(m) : "unlimited";
        var cpus = team.Cpus?.ToString(CultureInfo.InvariantCulture) ?? "unlimited";
        var deployments = team.MaxDeployments is { } n ? $"{team.DeploymentCount} of {n}" : $"{team.DeploymentCount} (unlimited)";
        return $"Team quota: memory {memory}, CPUs {cpus}, deployments {deployments}.";
    }

    /// <summary>Bytes as MiB, or GiB from 1 GiB up ("256 MiB", "1.5 GiB").</summary>
    public static string FormatMemory(long bytes) => bytes >= 1024 * MiB
        ? $"{(bytes / (1024.0 * MiB)).ToString("0.##", CultureInfo.InvariantCulture)} GiB"
        : $"{Math.Ceiling(bytes / (double)MiB).ToString(CultureInfo.InvariantCulture)} MiB";

    /// <summary>The last part of the appliance id as a DNS label: com.example.notes → notes.</summary>
    public static string SuggestName(string stableId)
    {
        ArgumentNullException.ThrowIfNull(stableId);
        var last = stableId[(stableId.LastIndexOf('.') + 1)..].ToLowerInvariant();
        var label = NotLabel().Replace(last, "-").Trim('-');
        return label.Length == 0 ? "appliance" : label[..Math.Min(label.Length, 63)].TrimEnd('-');
    }

    [GeneratedRegex("^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$")]
    private static partial Regex DnsLabel();

    [GeneratedRegex("[^a-z0-9-]+")]
    private static partial Regex NotLabel();
}
