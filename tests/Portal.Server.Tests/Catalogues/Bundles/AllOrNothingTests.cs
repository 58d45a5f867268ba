using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Portal.Engine.Images;
using Portal.Server.Catalogues.Bundles;

namespace Portal.Server.Tests.Catalogues.Bundles;

/// <summary>A bundle is validated completely before anything is committed, and a failure while committing is undone.</summary>
public sealed class AllOrNothingTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_bundle_with_five_different_mistakes_yields_all_five_with_their_paths_and_changes_nothing()
    {
        await using var harness = await CatalogueHarness.CreateAsync();
        var vendor = await harness.AddVendorAsync();
        Assert.True((await harness.UploadAsync(vendor, new BundleBuilder().Catalogue("0.9.0", BundleBuilder.Vendor, "old").Appliance("old", id: "com.example.old").TarGz())).Succeeded);
        var before = await harness.StateAsync();

        var result = await harness.UploadAsync(vendor, BundleBuilder.WithFiveMistakes().TarGz());

        Assert.Equal(CatalogueImportStatus.Invalid, result.Status);
        Assert.Equal(
            ["catalogue.yaml.version", "appliances[0].x-appliance.webUi.port", "appliances[1].icon", "appliances[2]", "appliances[3].services.web.privileged"],
            result.Problems.Select(p => p.Path));
        Assert.Equal(BundleBuilder.FiveMistakes.Take(4), result.Problems.Take(4).Select(p => p.ToString()));
        Assert.StartsWith(BundleBuilder.FiveMistakes[4], result.Problems[4].ToString(), StringComparison.Ordinal);
        Assert.Equal(before, await harness.StateAsync());
        Assert.Empty(Directory.EnumerateFileSystemEntries(harness.Options.TempDirectory));
    }

    [Fact]
    public async Task An_image_that_fails_to_load_removes_the_images_this_import_added_and_keeps_older_ones()
    {
        await using var harness = await CatalogueHarness.CreateAsync();
        var vendor = await harness.AddVendorAsync();
        Assert.True((await harness.UploadAsync(vendor, new BundleBuilder().Catalogue("0.9.0", BundleBuilder.Vendor, "old").Appliance("old", id: "com.example.old").TarGz())).Succeeded);
        var before = await harness.StateAsync();
        var bad = Path.Combine(harness.Directory, "bad-layout");
        WriteLayoutWithWrongDiffId(bad);
        var bundle = new BundleBuilder()
            .Catalogue("1.0.0", BundleBuilder.Vendor, "old", "good", "bad")
            .Appliance("old", id: "com.example.old")
            .Appliance("good", id: "com.example.good", content: "good")
            .Appliance("bad", id: "com.example.bad", image: false);
        foreach (var file in Directory.EnumerateFiles(bad, "*", SearchOption.AllDirectories))
        {
            bundle.File("bad/image/" + Path.GetRelativePath(bad, file), await File.ReadAllBytesAsync(file, Ct));
        }

        var result = await harness.UploadAsync(vendor, bundle.TarGz());

        Assert.Equal(CatalogueImportStatus.Invalid, result.Status);
        var problem = Assert.Single(result.Problems);
        Assert.Equal("appliances[2].image", problem.Path);
        Assert.Contains("diff_id mismatch", problem.Message, StringComparison.Ordinal);
        Assert.Equal(before, await harness.StateAsync());
    }

    /// <summary>An OCI layout whose blobs all match their descriptors but whose config names a wrong diff_id: only loading finds it.</summary>
    private static void WriteLayoutWithWrongDiffId(string directory)
    {
        OciImageWriter.WriteOciLayout(BundleBuilder.Image("1.0.0", "bad"), directory);
        var blobs = Path.Combine(directory, "blobs", "sha256");
        var index = JsonNode.Parse(File.ReadAllText(Path.Combine(directory, "index.json")))!;
        var manifestDescriptor = index["manifests"]![0]!;
        var manifest = JsonNode.Parse(File.ReadAllText(Path.Combine(blobs, Hex(manifestDescriptor))))!;
        var config = JsonNode.Parse(File.ReadAllText(Path.Combine(blobs, Hex(manifest["config"]!))))!;
        config["rootfs"]!["diff_ids"]![0] = "sha256:" + Convert.ToHexStringLower(SHA256.HashData("not the layer"u8));
        Rewrite(blobs, config, manifest["config"]!);
        Rewrite(blobs, manifest, manifestDescriptor);
        File.WriteAllText(Path.Combine(directory, "index.json"), index.ToJsonString());
    }

    private static string Hex(JsonNode descriptor) => descriptor["digest"]!.GetValue<string>()["sha256:".Length..];

    private static void Rewrite(string blobs, JsonNode document, JsonNode descriptor)
    {
        var bytes = System.Text.Encoding.UTF8.GetBytes(document.ToJsonString());
        var hex = Convert.ToHexStringLower(SHA256.HashData(bytes));
        File.WriteAllBytes(Path.Combine(blobs, hex), bytes);
        descriptor["digest"] = "sha256:" + hex;
        descriptor["size"] = bytes.Length;
    }
}
