using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Portal.Data;
using Portal.Data.Entities;
using Portal.Server.Tests.TestSupport;

namespace Portal.Server.Tests.Api;

/// <summary>GET /api/v1/catalogues: a vendor's own catalogues with versions and deployment counts; admins see all or one vendor's.</summary>
public sealed class VendorCataloguesApiTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_vendor_sees_its_own_catalogues_with_deployment_counts_admins_all_or_one_vendor_others_are_refused()
    {
        await using var factory = new PortalApiFactory();
        var admin = await factory.CreateAdminClientAsync();
        var team = await AdminApiTests.CreateTeamAsync(admin, "Blue");
        await AuthTests.CreateVendorAsync(admin, "Acme");
        await AuthTests.CreateVendorAsync(admin, "Globex");
        await PortalApiFactory.CreateUserAsync(admin, "acme-dev", "vendor", "Acme");
        await PortalApiFactory.CreateUserAsync(admin, "plain");
        int acmeId, globexId;
        using (var scope = factory.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
            var acme = db.Vendors.Single(v => v.Name == "Acme");
            var globex = db.Vendors.Single(v => v.Name == "Globex");
            (acmeId, globexId) = (acme.Id, globex.Id);
            var first = new Catalogue { Vendor = acme, CatalogueVersion = "1", UploadedAt = DateTimeOffset.UnixEpoch.AddDays(1), Status = CatalogueStatus.Active };
            var second = new Catalogue { Vendor = acme, CatalogueVersion = "2", UploadedAt = DateTimeOffset.UnixEpoch.AddDays(2), Status = CatalogueStatus.Active };
            var other = new Catalogue { Vendor = globex, CatalogueVersion = "9", UploadedAt = DateTimeOffset.UnixEpoch.AddDays(3), Status = CatalogueStatus.Active };
            var notes = new Appliance { Vendor = acme, StableId = "com.acme.notes", Title = "Notes" };
            var wiki = new Appliance { Vendor = globex, StableId = "com.globex.wiki", Title = "Wiki" };
            ApplianceVersion Version(Appliance a, Catalogue c, string v) => new()
            {
                Appliance = a,
                Catalogue = c,
                Version = v,
                ManifestYaml = "",
                ManifestJson = "{}",
                ImageReference = "x",
                ImageDigest = "sha256:" + v,
            };
            var v1 = Version(notes, first, "1.0.0");
            var v2 = Version(notes, second, "2.0.0");
            db.ApplianceVersions.AddRange(v1, v2, Version(wiki, other, "9.0.0"));
            db.Deployments.AddRange(
                new Deployment { TeamId = team.Id, Name = "a", ApplianceVersion = v1 },
                new Deployment { TeamId = team.Id, Name = "b", ApplianceVersion = v2 },
                new Deployment { TeamId = team.Id, Name = "c", ApplianceVersion = v2 });
            await db.SaveChangesAsync(Ct);
        }

        var vendor = await factory.LoginClientAsync("acme-dev");
        var plain = await factory.LoginClientAsync("plain");

        var own = (await vendor.GetFromJsonAsync<List<CatalogueResponse>>("/api/v1/catalogues", PortalApiFactory.Json, Ct))!;
        var all = await admin.GetFromJsonAsync<List<CatalogueResponse>>("/api/v1/catalogues", PortalApiFactory.Json, Ct);
        var globexOnly = await admin.GetFromJsonAsync<List<CatalogueResponse>>($"/api/v1/catalogues?vendorId={globexId}", PortalApiFactory.Json, Ct);

        Assert.Equal(["2", "1"], own.Select(c => c.CatalogueVersion));
        Assert.All(own, c => Assert.Equal(acmeId, c.VendorId));
        Assert.Equal([2, 1], own.Select(c => c.Deployments));
        var version = Assert.Single(own[0].Versions);
        Assert.Equal(("com.acme.notes", "Notes", "2.0.0", 2), (version.StableId, version.Title, version.Version.Version, version.Version.Deployments));
        Assert.Equal("Active", own[0].Status);
        Assert.Equal(["Acme", "Acme", "Globex"], all!.Select(c => c.Vendor));
        Assert.Equal(["9"], globexOnly!.Select(c => c.CatalogueVersion));
        Assert.Equal(HttpStatusCode.Forbidden, (await vendor.GetAsync($"/api/v1/catalogues?vendorId={globexId}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await plain.GetAsync("/api/v1/catalogues", Ct)).StatusCode);
    }
}
