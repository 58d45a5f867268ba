using Microsoft.EntityFrameworkCore;
using Portal.Server.Catalogues.Bundles;
using Portal.Server.Catalogues.Manifests;

namespace Portal.Server.Tests.Catalogues.Bundles;

public sealed class CatalogueImportRuleTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static byte[] TwoAppliances(string catalogueVersion = "1.0.0", string notesVersion = "1.0.0", string content = "hello") =>
        new BundleBuilder()
            .Catalogue(catalogueVersion, BundleBuilder.Vendor, "notes", "wiki")
            .Appliance("notes", version: notesVersion, content: content)
            .Appliance("wiki", id: "com.example.wiki", content: "wiki")
            .TarGz();

    [Fact]
    public async Task A_valid_bundle_adds_the_catalogue_appliances_versions_and_images_under_stable_names()
    {
        await using var harness = await CatalogueHarness.CreateAsync();
        var vendor = await harness.AddVendorAsync();

        var result = await harness.UploadAsync(vendor, TwoAppliances());

        Assert.True(result.Succeeded, string.Join("\n", result.Problems));
        Assert.Equal(["com.example.notes 1.0.0", "com.example.wiki 1.0.0"], result.Added.Select(a => $"{a.ApplianceId} {a.Version}"));
        var notes = result.Added[0];
        Assert.Equal("localhost/example-ltd/com.example.notes:1.0.0", notes.ImageReference);
        var image = await harness.Store.InspectAsync(notes.ImageReference, Ct);
        Assert.Equal(notes.ImageDigest, image.Id);
        Assert.Equal(["localhost/example-ltd/com.example.notes:1.0.0"], image.RepoTags);
        Assert.Throws<Portal.Engine.Errors.NotFoundException>(() => harness.Store.InspectAsync("busybox:latest", Ct).GetAwaiter().GetResult());

        await using var db = await harness.DbFactory.CreateDbContextAsync(Ct);
        var catalogue = await db.Catalogues.SingleAsync(Ct);
        Assert.Equal(result.CatalogueId, catalogue.Id);
        Assert.Equal(Portal.Data.Entities.CatalogueStatus.Active, catalogue.Status);
        var version = await db.ApplianceVersions.Include(v => v.Appliance).SingleAsync(v => v.Appliance!.StableId == "com.example.notes", Ct);
        Assert.Equal(catalogue.Id, version.CatalogueId);
        Assert.Equal(BundleBuilder.Manifest("com.example.notes", "1.0.0"), version.ManifestYaml);
        Assert.Equal("image/svg+xml", version.IconMediaType);
        Assert.Equal(BundleBuilder.Svg, System.Text.Encoding.UTF8.GetString(version.Icon!));
        Assert.Equal(8080, ApplianceManifestJson.Deserialize(version.ManifestJson).Appliance.WebUi!.Port);
        Assert.Equal("Notes", version.Appliance!.Title);
    }

    [Fact]
    public async Task Progress_is_reported_in_phase_order_receiving_validating_importing_saving()
    {
        await using var harness = await CatalogueHarness.CreateAsync();
        var vendor = await harness.AddVendorAsync();
        var bundle = TwoAppliances();
        var progress = new RecordingProgress();

        var result = await harness.UploadAsync(vendor, bundle, progress);

        Assert.True(result.Succeeded, string.Join("\n", result.Problems));
        var phases = progress.Reports.Select(r => r.Phase).Distinct().ToList();
        Assert.Equal([BundlePhase.Receiving, BundlePhase.Validating, BundlePhase.ImportingImages, BundlePhase.Saving], phases);
        Assert.Equal(progress.Reports.Select(r => r.Phase).Order(), progress.Reports.Select(r => r.Phase));
        Assert.Contains(progress.Reports, r => r.Phase == BundlePhase.Receiving && r.Done == bundle.Length && r.Total == bundle.Length);
        Assert.Contains(progress.Reports, r => r.Phase == BundlePhase.ImportingImages && r.Done == 2 && r.Total == 2);
        Assert.Equal(new BundleProgress(BundlePhase.Saving, 1, 1), progress.Reports[^1]);
    }

    [Fact]
    public async Task The_same_catalogue_version_again_is_a_conflict_and_changes_nothing()
    {
        await using var harness = await CatalogueHarness.CreateAsync();
        var vendor = await harness.AddVendorAsync();
        Assert.True((await harness.UploadAsync(vendor, TwoAppliances())).Succeeded);
        var before = await harness.StateAsync();

        var again = await harness.UploadAsync(vendor, TwoAppliances(notesVersion: "1.1.0", content: "new"));

        Assert.Equal(CatalogueImportStatus.VersionExists, again.Status);
        var problem = Assert.Single(again.Problems);
        Assert.Equal("catalogue.yaml.version", problem.Path);
        Assert.Contains("1.0.0 was already uploaded", problem.Message, StringComparison.Ordinal);
        Assert.Equal(before, await harness.StateAsync());
    }

    [Fact]
    public async Task A_new_catalogue_version_keeps_older_appliance_versions_and_reuses_identical_ones()
    {
        await using var harness = await CatalogueHarness.CreateAsync();
        var vendor = await harness.AddVendorAsync();
        var first = await harness.UploadAsync(vendor, TwoAppliances());
        Assert.True(first.Succeeded);

        var second = await harness.UploadAsync(vendor, new BundleBuilder()
            .Catalogue("2.0.0", BundleBuilder.Vendor, "notes2", "wiki")
            .Appliance("notes2", version: "2.0.0", content: "two")
            .Appliance("wiki", id: "com.example.wiki", content: "wiki")
            .TarGz());

        Assert.True(second.Succeeded, string.Join("\n", second.Problems));
        Assert.Equal(["com.example.notes 2.0.0"], second.Added.Select(a => $"{a.ApplianceId} {a.Version}"));
        Assert.Equal(["com.example.wiki 1.0.0"], second.Unchanged.Select(a => $"{a.ApplianceId} {a.Version}"));
        await using var db = await harness.DbFactory.CreateDbContextAsync(Ct);
        Assert.Equal(2, await db.Catalogues.CountAsync(Ct));
        Assert.Equal(["1.0.0", "2.0.0"], await db.ApplianceVersions.Where(v => v.Appliance!.StableId == "com.example.notes").OrderBy(v => v.Version).Select(v => v.Version).ToListAsync(Ct));
        Assert.Equal(first.CatalogueId, (await db.ApplianceVersions.SingleAsync(v => v.Appliance!.StableId == "com.example.wiki", Ct)).CatalogueId);
        Assert.Equal(3, (await harness.Store.ListAsync(Ct)).Count);
    }

    [Fact]
    public async Task An_existing_version_with_another_image_or_manifest_is_refused()
    {
        await using var harness = await CatalogueHarness.CreateAsync();
        var vendor = await harness.AddVendorAsync();
        Assert.True((await harness.UploadAsync(vendor, TwoAppliances())).Succeeded);
        var before = await harness.StateAsync();

        var result = await harness.UploadAsync(vendor, new BundleBuilder()
            .Catalogue("1.1.0", BundleBuilder.Vendor, "notes", "wiki")
            .Appliance("notes", content: "changed image")
            .Appliance("wiki", id: "com.example.wiki", content: "wiki", manifestExtra: "  tagline: changed manifest")
            .TarGz());

        Assert.Equal(CatalogueImportStatus.Invalid, result.Status);
        Assert.Equal(["appliances[0].x-appliance.version", "appliances[1].x-appliance.version"], result.Problems.Select(p => p.Path));
        Assert.Contains("changed image needs a new version", result.Problems[0].Message, StringComparison.Ordinal);
        Assert.Contains("different manifest", result.Problems[1].Message, StringComparison.Ordinal);
        Assert.Equal(before, await harness.StateAsync());
    }

    [Fact]
    public async Task The_vendor_must_be_the_uploader_and_appliance_ids_of_another_vendor_are_refused()
    {
        await using var harness = await CatalogueHarness.CreateAsync();
        var other = await harness.AddVendorAsync("Other Co");
        Assert.True((await harness.UploadAsync(other, new BundleBuilder()
            .Catalogue("1.0.0", "other co", "notes").Appliance("notes").TarGz())).Succeeded, "vendor names compare without case");
        var vendor = await harness.AddVendorAsync();
        var before = await harness.StateAsync();

        var result = await harness.UploadAsync(vendor, new BundleBuilder()
            .Catalogue("1.0.0", "Other Co", "notes").Appliance("notes", version: "1.1.0").TarGz());

        Assert.Equal(CatalogueImportStatus.Invalid, result.Status);
        Assert.Equal(
            ["catalogue.yaml.vendor: \"Other Co\" is not the uploading vendor \"Example Ltd\"",
             "appliances[0].x-appliance.id: com.example.notes is published by another vendor"],
            result.Problems.Select(p => p.ToString()));
        Assert.Equal(before, await harness.StateAsync());
    }

    [Fact]
    public async Task The_same_appliance_version_twice_in_one_bundle_is_refused()
    {
        await using var harness = await CatalogueHarness.CreateAsync();
        var vendor = await harness.AddVendorAsync();

        var result = await harness.UploadAsync(vendor, new BundleBuilder()
            .Catalogue("1.0.0", BundleBuilder.Vendor, "a", "b").Appliance("a").Appliance("b").TarGz());

        var problem = Assert.Single(result.Problems);
        Assert.Equal("appliances[1].x-appliance.version: com.example.notes 1.0.0 is also appliances[0]", problem.ToString());
    }

    [Fact]
    public async Task An_icon_is_checked_by_content_and_capped()
    {
        await using var harness = await CatalogueHarness.CreateAsync(o => o.MaxIconBytes = 1000);
        var vendor = await harness.AddVendorAsync();
        byte[] png = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0d, 0x0a, 0x1a, 0x0a, 0, 0];

        var result = await harness.UploadAsync(vendor, new BundleBuilder()
            .Catalogue("1.0.0", BundleBuilder.Vendor, "a", "b", "c", "d")
            .Appliance("a", id: "com.example.a", icon: false).File("a/icon.svg", "<html><body>not svg</body></html>")
            .Appliance("b", id: "com.example.b", icon: false).File("b/icon.svg", """<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>""")
            .Appliance("c", id: "com.example.c", icon: false).File("c/icon.svg", new byte[1001])
            .Appliance("d", id: "com.example.d", icon: false, manifestExtra: "  category: x").File("d/icon.svg", png)
            .TarGz());

        Assert.Equal(
            ["appliances[0].icon: 'icon.svg': not an svg/png/jpeg image",
             "appliances[1].icon: 'icon.svg': the SVG has a <script> element; icons must not be able to run script",
             "appliances[2].icon: 'icon.svg' is 1001 bytes, over the 1000-byte cap for icons (Portal:Catalogues:MaxIconBytes)"],
            result.Problems.Select(p => p.ToString()));
    }

    [Fact]
    public async Task An_oci_layout_directory_and_a_docker_archive_are_accepted_as_images()
    {
        await using var harness = await CatalogueHarness.CreateAsync();
        var vendor = await harness.AddVendorAsync();
        var layout = Path.Combine(harness.Directory, "layout");
        Portal.Engine.Images.OciImageWriter.WriteOciLayout(BundleBuilder.Image("1.0.0", "layout"), layout);
        using var docker = new MemoryStream();
        Portal.Engine.Images.OciImageWriter.WriteDockerArchive(BundleBuilder.Image("1.0.0", "docker"), docker);
        var bundle = new BundleBuilder().Catalogue("1.0.0", BundleBuilder.Vendor, "a", "b")
            .Appliance("a", id: "com.example.a", image: false)
            .Appliance("b", id: "com.example.b", image: false).File("b/image.tar", docker.ToArray());
        foreach (var file in Directory.EnumerateFiles(layout, "*", SearchOption.AllDirectories))
        {
            bundle.File("a/image/" + Path.GetRelativePath(layout, file), await File.ReadAllBytesAsync(file, Ct));
        }

        var result = await harness.UploadAsync(vendor, bundle.Tar());

        Assert.True(result.Succeeded, string.Join("\n", result.Problems));
        Assert.Equal(2, (await harness.Store.ListAsync(Ct)).Count);
    }

    private sealed class RecordingProgress : IProgress<BundleProgress>
    {
        public List<BundleProgress> Reports { get; } = [];

        public void Report(BundleProgress value) => Reports.Add(value);
    }
}
