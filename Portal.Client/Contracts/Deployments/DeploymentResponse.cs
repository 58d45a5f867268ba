namespace Portal.Client.Contracts;

/// <summary>A deployment as the API shows it; secret config values never leave the server.</summary>
public sealed record DeploymentResponse(
    Guid Id,
    int TeamId,
    string Name,
    int ApplianceVersionId,
    string? ApplianceVersion,
    int? PreviousApplianceVersionId,
    string DesiredState,
    string Status,
    string? StatusReason,
    Uri? WebUiUrl,
    long MemoryLimitBytes,
    long NanoCpus,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    long Version);
