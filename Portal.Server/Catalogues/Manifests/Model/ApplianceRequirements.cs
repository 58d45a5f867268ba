namespace Portal.Server.Catalogues.Manifests;

public sealed record ApplianceRequirements
{
    public long? MemoryBytes { get; init; }
    public double? Cpus { get; init; }
    public string MinPortalVersion { get; init; } = "";
}
