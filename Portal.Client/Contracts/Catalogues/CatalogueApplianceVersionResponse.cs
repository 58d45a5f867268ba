namespace Portal.Client.Contracts;

/// <summary>An appliance version of a catalogue: the appliance (its id, stable id and title) and the version with its deployment count.</summary>
public sealed record CatalogueApplianceVersionResponse(int ApplianceId, string StableId, string Title, ApplianceVersionResponse Version);
