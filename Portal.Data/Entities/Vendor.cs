namespace Portal.Data.Entities;

public sealed class Vendor
{
    public int Id { get; set; }

    /// <summary>The vendor's name as written in catalogue.yaml; unique, case-insensitive.</summary>
    public required string Name { get; set; }

    public string? DisplayName { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public List<Catalogue> Catalogues { get; } = [];

    public List<Appliance> Appliances { get; } = [];
}
