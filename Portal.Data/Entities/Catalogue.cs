namespace Portal.Data.Entities;

/// <summary>One uploaded version of a vendor's catalogue bundle.</summary>
public sealed class Catalogue : IVersioned
{
    public int Id { get; set; }

    public int VendorId { get; set; }

    public Vendor? Vendor { get; set; }

    /// <summary>catalogue.yaml's version; unique per vendor.</summary>
    public required string CatalogueVersion { get; set; }

    public DateTimeOffset UploadedAt { get; set; }

    public int? UploadedByUserId { get; set; }

    public User? UploadedBy { get; set; }

    public CatalogueStatus Status { get; set; }

    /// <summary>Why the upload failed (every problem with its path), when <see cref="Status"/> is Failed.</summary>
    public string? StatusDetail { get; set; }

    public List<ApplianceVersion> ApplianceVersions { get; } = [];

    public long Version { get; set; }
}
