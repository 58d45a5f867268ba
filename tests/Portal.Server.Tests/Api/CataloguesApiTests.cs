using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Portal.Data;
using Portal.Data.Entities;
using Portal.Server.Apis.Catalogues;
using Portal.Server.Tests.TestSupport;

namespace Portal.Server.Tests.Api;

/// <summary>
/// The catalogue API's own rules (who may upload, caps, refusal reports, browsing, icon headers). Imports that load
/// images into the engine are proven in tests/Portal.Server.Tests/Catalogues with the real image store.
/// </summary>
public sealed class CataloguesApiTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Only_a_vendor_uploads_a_bad_bundle_is_reported_with_its_path_and_audited_and_a_body_over_the_cap_is_413()
    {
        await using var factory = new PortalApiFactory(("Portal:Catalogues:MaxBundleBytes", "4096"));
        var admin = await factory.CreateAdminClientAsync();
        await AuthTests.CreateVendorAsync(admin, "Acme");
        await PortalApiFactory.CreateUserAsync(admin, "acme-dev", "vendor", "Acme");
        await PortalApiFactory.CreateUserAsync(admin, "plain-user");
        var vendor = await factory.LoginClientAsync("acme-dev");
        var plain = await factory.LoginClientAsync("plain-user");

        var refused = await plain.PostAsync("/api/v1/catalogues", Bundle("not a bundle"u8.ToArray()), Ct);
        var invalid = await vendor.PostAsync("/api/v1/catalogues", Bundle("this is not a tar archive at all"u8.ToArray()), Ct);
        var tooLarge = await vendor.PostAsync("/api/v1/catalogues", Bundle(new byte[8192]), Ct);

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, invalid.StatusCode);
        var report = await PortalApiFactory.ReadAsync<CatalogueUploadResponse>(invalid);
        Assert.Equal("Invalid", report.Status);
        Assert.NotEmpty(report.Problems);
        Assert.All(report.Problems, p => Assert.False(string.IsNullOrEmpty(p.Path)));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooLarge.StatusCode);
        Assert.Contains("4096", await tooLarge.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        var audit = await admin.GetStringAsync(new Uri("/api/v1/audit?action=catalogue.", UriKind.Relative), Ct);
        Assert.Contains("catalogue.upload-refused", audit, StringComparison.Ordinal);
        Assert.Contains("acme-dev", audit, StringComparison.Ordinal);
        Assert.Empty((await admin.GetFromJsonAsync<List<ApplianceResponse>>("/api/v1/appliances", PortalApiFactory.Json, Ct))!);
    }

    [Fact]
    public async Task A_vendor_naming_another_vendor_is_refused_not_given_their_own_catalogue()
    {
        await using var factory = new PortalApiFactory();
        var admin = await factory.CreateAdminClientAsync();
        await AuthTests.CreateVendorAsync(admin, "Acme");
        var globex = await PortalApiFactory.ReadAsync<VendorResponse>(
            await admin.PostAsJsonAsync("/api/v1/vendors", new { name = "Globex" }, Ct));
        await PortalApiFactory.CreateUserAsync(admin, "acme-dev", "vendor", "Acme");
        var vendor = await factory.LoginClientAsync("acme-dev");

        var response = await vendor.PostAsync($"/api/v1/catalogues?vendorId={globex.Id}", Bundle("not read"u8.ToArray()), Ct);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains($"Only vendor {globex.Id} or an admin", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        var audit = await admin.GetStringAsync(new Uri("/api/v1/audit?action=catalogue.", UriKind.Relative), Ct);
        Assert.DoesNotContain("catalogue.upload", audit, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Appliances_are_listed_with_versions_newest_first_searchable_and_icons_cannot_run_script()
    {
        await using var factory = new PortalApiFactory();
        var admin = await factory.CreateAdminClientAsync();
        await PortalApiFactory.CreateUserAsync(admin, "reader");
        var reader = await factory.LoginClientAsync("reader");
        int newest;
        using (var scope = factory.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
            var vendor = new Vendor { Name = "Acme" };
            var catalogue = new Catalogue { Vendor = vendor, CatalogueVersion = "1" };
            var notes = new Appliance { Vendor = vendor, StableId = "com.acme.notes", Title = "Notes", Tagline = "Write things down", Category = "productivity" };
            var site = new Appliance { Vendor = vendor, StableId = "com.acme.site", Title = "Site", Category = "web" };
            ApplianceVersion Version(Appliance a, string v, int minutes) => new()
            {
                Appliance = a,
                Catalogue = catalogue,
                Version = v,
                ManifestYaml = "",
                ManifestJson = "{}",
                ImageReference = "x",
                ImageDigest = "sha256:" + v,
                Icon = "<svg xmlns=\"http://www.w3.org/2000/svg\"/>"u8.ToArray(),
                IconMediaType = "image/svg+xml",
                CreatedAt = DateTimeOffset.UnixEpoch.AddMinutes(minutes),
            };
            var v2 = Version(notes, "2.0.0", 2);
            db.ApplianceVersions.AddRange(Version(notes, "1.0.0", 1), v2, Version(site, "1.0.0", 1));
            await db.SaveChangesAsync(Ct);
            newest = v2.Id;
        }

        var all = await reader.GetFromJsonAsync<List<ApplianceResponse>>("/api/v1/appliances", PortalApiFactory.Json, Ct);
        var found = await reader.GetFromJsonAsync<List<ApplianceResponse>>("/api/v1/appliances?search=things", PortalApiFactory.Json, Ct);
        var web = await reader.GetFromJsonAsync<List<ApplianceResponse>>("/api/v1/appliances?category=web", PortalApiFactory.Json, Ct);
        var icon = await reader.GetAsync($"/api/v1/appliance-versions/{newest}/icon", Ct);

        Assert.Equal(["Notes", "Site"], all!.Select(a => a.Title));
        Assert.Equal(["2.0.0", "1.0.0"], all![0].Versions.Select(v => v.Version));
        Assert.Equal("Acme", all![0].Vendor);
        Assert.Equal(["Notes"], found!.Select(a => a.Title));
        Assert.Equal(["Site"], web!.Select(a => a.Title));
        Assert.Equal(HttpStatusCode.OK, icon.StatusCode);
        Assert.Equal("image/svg+xml", icon.Content.Headers.ContentType?.MediaType);
        Assert.Equal("nosniff", icon.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Contains("sandbox", icon.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await reader.GetAsync("/api/v1/appliances/9999", Ct)).StatusCode);
    }

    private static ByteArrayContent Bundle(byte[] bytes)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new("application/gzip");
        return content;
    }
}
