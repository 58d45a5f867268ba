namespace Portal.Server.Catalogues.Manifests;

/// <summary>A parsed <c>appliance.yaml</c>: the one Compose service, its named volumes and the <c>x-appliance</c> block.</summary>
public sealed record ApplianceManifest
{
    public required ApplianceInfo Appliance { get; init; }
    public required ApplianceService Service { get; init; }
    /// <summary>The named volumes declared under the top-level <c>volumes:</c>.</summary>
    public IReadOnlyList<string> Volumes { get; init; } = [];
}
