using Portal.Data;
using Portal.Data.Entities;

namespace Portal.Server.Tests.TestSupport;

/// <summary>A deployment row of a throwaway vendor's appliance, for API tests that need one to exist without an engine.</summary>
internal static class SeededDeployment
{
    public static async Task<Guid> AddAsync(PortalDbContext db, int teamId)
    {
        var vendor = new Vendor { Name = $"vendor-{Guid.NewGuid():N}" };
        var version = new ApplianceVersion
        {
            Appliance = new Appliance { Vendor = vendor, StableId = $"com.example.app-{Guid.NewGuid():N}", Title = "App" },
            Catalogue = new Catalogue { Vendor = vendor, CatalogueVersion = "1" },
            Version = "1.0.0",
            ManifestYaml = "",
            ManifestJson = "{}",
            ImageReference = "x",
            ImageDigest = "sha256:00",
        };
        var deployment = new Deployment { TeamId = teamId, Name = "app", ApplianceVersion = version };
        db.Deployments.Add(deployment);
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        return deployment.Id;
    }
}
