using Portal.Data.Entities;

namespace Portal.Data.Tests.TestSupport;

/// <summary>The smallest graph a deployment needs: vendor, catalogue, appliance, version, team.</summary>
public sealed record Seed(int VendorId, int CatalogueId, int ApplianceId, int ApplianceVersionId, int TeamId)
{
    public static readonly DateTimeOffset Now = new(2026, 11, 28, 12, 0, 0, TimeSpan.Zero);

    public static async Task<Seed> CreateAsync(PortalDbContext db)
    {
        var vendor = new Vendor { Name = "Example", CreatedAt = Now };
        var catalogue = new Catalogue { Vendor = vendor, CatalogueVersion = "1.0", UploadedAt = Now, Status = CatalogueStatus.Active };
        var appliance = new Appliance { Vendor = vendor, StableId = "com.example.notes", Title = "Notes", CreatedAt = Now };
        var version = NewVersion(appliance, catalogue, "1.0");
        var team = new Team { Name = "Platform", CreatedAt = Now };
        db.AddRange(vendor, catalogue, appliance, version, team);
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        return new Seed(vendor.Id, catalogue.Id, appliance.Id, version.Id, team.Id);
    }

    public static ApplianceVersion NewVersion(Appliance appliance, Catalogue catalogue, string version) => new()
    {
        Appliance = appliance,
        Catalogue = catalogue,
        Version = version,
        ManifestYaml = "services: {}",
        ManifestJson = "{}",
        ImageReference = $"example/notes:{version}",
        ImageDigest = "sha256:" + new string('a', 64),
        CreatedAt = Now,
    };

    public Deployment NewDeployment(string name, int? teamId = null) => new()
    {
        Name = name,
        TeamId = teamId ?? TeamId,
        ApplianceVersionId = ApplianceVersionId,
        DesiredState = DesiredState.Running,
        MemoryLimitBytes = 64 << 20,
        NanoCpus = 500_000_000,
        CreatedAt = Now,
        UpdatedAt = Now,
    };
}
