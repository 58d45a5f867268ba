using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Portal.Server.Catalogues.Bundles;
using Portal.Server.Catalogues.Demo;
using Portal.Server.Catalogues.Manifests;
using Portal.Server.Tests.TestSupport;

namespace Portal.Server.Tests.Catalogues.Bundles;

/// <summary>The demo catalogue, built from busybox-static, imported into a real image store and database.</summary>
[Trait("Category", Root.Category)]
public sealed class DemoCatalogueTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_demo_bundle_imports_clean_a_second_upload_is_refused_and_a_v2_catalogue_keeps_v1s_versions()
    {
        Root.Require();
        await using var harness = await CatalogueHarness.CreateAsync();
        var vendor = await harness.AddVendorAsync(DemoImages.Vendor);
        var bundle = Path.Combine(harness.Directory, "demo.tar.gz");
        DemoCatalogue.WriteFile(bundle);

        var first = await harness.Importer.ImportFileAsync(vendor, null, bundle, null, Ct);

        Assert.True(first.Succeeded, string.Join("\n", first.Problems));
        Assert.Equal(6, first.Added.Count);
        Assert.Equal(6, (await harness.Store.ListAsync(Ct)).Count);
        Assert.Contains("localhost/portal-demo/io.portal.demo.notes:2.0.0", (await harness.Store.InspectAsync("localhost/portal-demo/io.portal.demo.notes:2.0.0", Ct)).RepoTags);
        await using (var db = await harness.DbFactory.CreateDbContextAsync(Ct))
        {
            Assert.Equal(["io.portal.demo.greeter", "io.portal.demo.notes", "io.portal.demo.welcome"], await db.Appliances.OrderBy(a => a.StableId).Select(a => a.StableId).ToListAsync(Ct));
            Assert.Equal(6, await db.ApplianceVersions.CountAsync(Ct));
            var greeter = ApplianceManifestJson.Deserialize((await db.ApplianceVersions.SingleAsync(v => v.Appliance!.StableId == "io.portal.demo.greeter" && v.Version == "1.0.0", Ct)).ManifestJson);
            Assert.Equal(["GREETING", "AUDIENCE", "ACCENT_COLOR", "MAX_VISITORS", "MAINTENANCE", "ADMIN_TOKEN"], greeter.Appliance.Config.Settings.Select(s => s.Key));
            Assert.True(greeter.Appliance.Config.Find("ADMIN_TOKEN")!.Secret);
            Assert.Equal("${config.ACCENT_COLOR}", greeter.Service.Environment.Single(e => e.Key == "ACCENT_COLOR").Value);
            var notes = ApplianceManifestJson.Deserialize((await db.ApplianceVersions.SingleAsync(v => v.Appliance!.StableId == "io.portal.demo.notes" && v.Version == "2.0.0", Ct)).ManifestJson);
            Assert.Equal(["data"], notes.Appliance.KeepVolumes);
            Assert.Equal("/data", notes.Service.Volumes.Single().Target);
            var shots = await db.ApplianceVersionScreenshots.Select(s => new { s.ApplianceVersion!.Appliance!.StableId, s.ApplianceVersion.Version, s.MediaType, s.Content.Length })
                .ToListAsync(Ct);
            Assert.Equal(["io.portal.demo.greeter 2.0.0", "io.portal.demo.notes 1.0.0", "io.portal.demo.notes 2.0.0"],
                shots.Select(s => $"{s.StableId} {s.Version}").Order(StringComparer.Ordinal));
            Assert.All(shots, s => Assert.Equal(("image/png", true), (s.MediaType, s.Length is > 1000 and < 30 * 1024)));
        }

        var again = await harness.Importer.ImportFileAsync(vendor, null, bundle, null, Ct);
        Assert.Equal(CatalogueImportStatus.VersionExists, again.Status);

        var v2 = Path.Combine(harness.Directory, "demo-v2.tar.gz");
        DemoCatalogue.WriteFile(v2, catalogueVersion: "2.0.0");
        var second = await harness.Importer.ImportFileAsync(vendor, null, v2, null, Ct);

        Assert.True(second.Succeeded, string.Join("\n", second.Problems));
        Assert.Empty(second.Added);
        Assert.Equal(6, second.Unchanged.Count);
        await using (var db = await harness.DbFactory.CreateDbContextAsync(Ct))
        {
            Assert.Equal(2, await db.Catalogues.CountAsync(Ct));
            Assert.Equal(6, await db.ApplianceVersions.CountAsync(Ct));
            Assert.All(await db.ApplianceVersions.ToListAsync(Ct), v => Assert.Equal(first.CatalogueId, v.CatalogueId));
        }

        Assert.Equal(6, (await harness.Store.ListAsync(Ct)).Count);
    }

    [Fact]
    public async Task The_seeder_imports_the_demo_once_and_is_off_when_disabled()
    {
        Root.Require();
        await using var harness = await CatalogueHarness.CreateAsync();
        var disabled = Seeder(harness, new DemoOptions { Enabled = false });
        Assert.Null(await disabled.SeedAsync(Ct));
        await using (var db = await harness.DbFactory.CreateDbContextAsync(Ct))
        {
            Assert.Empty(await db.Vendors.ToListAsync(Ct));
        }

        var seeder = Seeder(harness, new DemoOptions());
        var first = await seeder.SeedAsync(Ct);
        var second = await seeder.SeedAsync(Ct);

        Assert.True(first!.Succeeded, string.Join("\n", first.Problems));
        Assert.Equal(DemoImages.Vendor, first.Vendor);
        Assert.Null(second);
        await using (var db = await harness.DbFactory.CreateDbContextAsync(Ct))
        {
            Assert.Equal(DemoImages.Vendor, (await db.Vendors.SingleAsync(Ct)).Name);
            Assert.Equal(1, await db.Catalogues.CountAsync(Ct));
        }

        Assert.Empty(Directory.EnumerateFileSystemEntries(harness.Options.TempDirectory));
    }

    private static DemoCatalogueSeeder Seeder(CatalogueHarness harness, DemoOptions options) =>
        new(harness.DbFactory, harness.Importer, options, harness.Options, TimeProvider.System, NullLogger<DemoCatalogueSeeder>.Instance);
}
