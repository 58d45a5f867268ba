namespace Portal.Client.Contracts;

/// <summary>Links a manifest gives; null when left out. Support may be a mailto: URL.</summary>
public sealed record ApplianceLinksResponse(string? Support, string? Docs, string? Homepage);
