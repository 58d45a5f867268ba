namespace Portal.Data.Entities;

public sealed class Appliance
{
    public int Id { get; set; }

    public int VendorId { get; set; }

    public Vendor? Vendor { get; set; }

    /// <summary>x-appliance.id, reverse-DNS (<c>com.example.notes</c>); unique across vendors, case-insensitive.</summary>
    public required string StableId { get; set; }

    public required string Title { get; set; }

    public string? Tagline { get; set; }

    public string? Description { get; set; }

    public string? Category { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public List<ApplianceVersion> Versions { get; } = [];
}
