namespace Portal.Client.Contracts;

/// <summary>A team and its quotas (null = unlimited). Send <see cref="Version"/> back when changing quotas.</summary>
public sealed record TeamResponse(
    int Id,
    string Name,
    long? MemoryQuotaBytes,
    double? Cpus,
    int? MaxDeployments,
    long Version,
    DateTimeOffset CreatedAt,
    int MemberCount,
    int DeploymentCount);
