namespace Portal.Data.Entities;

public sealed class ApplianceVersion
{
    public int Id { get; set; }

    public int ApplianceId { get; set; }

    public Appliance? Appliance { get; set; }

    /// <summary>The catalogue upload that introduced this version.</summary>
    public int CatalogueId { get; set; }

    public Catalogue? Catalogue { get; set; }

    /// <summary>x-appliance.version; unique per appliance.</summary>
    public required string Version { get; set; }

    /// <summary>appliance.yaml exactly as uploaded.</summary>
    public required string ManifestYaml { get; set; }

    /// <summary>The validated manifest as JSON, for the server to read without re-parsing YAML.</summary>
    public required string ManifestJson { get; set; }

    /// <summary>The engine image reference (<c>vendor/notes:1.0</c>).</summary>
    public required string ImageReference { get; set; }

    /// <summary>The image's config digest, <c>sha256:</c> and 64 hex digits.</summary>
    public required string ImageDigest { get; set; }

    public byte[]? Icon { get; set; }

    public string? IconMediaType { get; set; }

    public string? ReleaseNotes { get; set; }

    public List<ApplianceVersionScreenshot> Screenshots { get; } = [];

    public DateTimeOffset CreatedAt { get; set; }
}
