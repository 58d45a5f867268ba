namespace Portal.Server.Deployments;

/// <summary>The appliance an appliance version belongs to and that appliance's newest version (newest import first, as the catalogue lists them).</summary>
public sealed record ApplianceLineage(int ApplianceId, string Title, int LatestVersionId, string LatestVersion);
