namespace Portal.Client.Contracts;

/// <summary>One appliance version of an imported catalogue and the engine image it runs.</summary>
public sealed record ImportedVersion(string ApplianceId, string Version, string ImageReference, string ImageDigest);
