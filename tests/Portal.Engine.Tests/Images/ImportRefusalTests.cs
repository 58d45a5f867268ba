using System.Runtime.Versioning;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Portal.Engine.Errors;
using Portal.Engine.Images;

namespace Portal.Engine.Tests.Images;

/// <summary>Every refused import names the problem and leaves the store (and everything beside it) exactly as it was.</summary>
[SupportedOSPlatform("linux")]
public sealed partial class ImportRefusalTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public Task LayerDigestMismatch_IsRefused() => RefusedAfterTampering("digest mismatch", dir =>
    {
        var blob = LargestBlob(dir);
        var bytes = File.ReadAllBytes(blob);
        bytes[^5] ^= 0xff;
        File.WriteAllBytes(blob, bytes);
    });

    [Fact]
    public Task LayerSizeMismatch_IsRefused() => RefusedAfterTampering("size mismatch", dir =>
        File.AppendAllText(LargestBlob(dir), "x"));

    [Fact]
    public Task MissingBlob_IsRefused() => RefusedAfterTampering("the archive has no file", dir => File.Delete(LargestBlob(dir)));

    [Fact]
    public Task DiffIdMismatch_IsRefused() => RefusedAfterTampering("diff_id mismatch", dir =>
    {
        // A docker-archive config not named by its digest may be edited; its diff_ids then lie about the layer.
        var manifestPath = Path.Combine(dir, "manifest.json");
        var manifest = File.ReadAllText(manifestPath);
        var configName = ConfigName().Match(manifest).Groups[1].Value;
        var config = File.ReadAllText(Path.Combine(dir, configName));
        var diffId = DiffId().Match(config).Groups[1].Value;
        File.WriteAllText(Path.Combine(dir, "config.json"), config.Replace(diffId, new string('0', 64), StringComparison.Ordinal));
        File.Delete(Path.Combine(dir, configName));
        File.WriteAllText(manifestPath, manifest.Replace(configName, "config.json", StringComparison.Ordinal));
    }, ArchiveFormat.DockerArchive);

    [Fact]
    public async Task TruncatedArchive_IsRefused()
    {
        using var harness = await HarnessWithOneImage();
        var archive = TestImages.Archive(TestImages.Simple("localhost/cut:1", new string('z', 40_000), LayerCompression.None));

        await AssertRefused(harness, archive[..(archive.Length / 2)], "truncated");
    }

    [Fact]
    public async Task TruncatedLayer_IsRefused()
    {
        using var harness = await HarnessWithOneImage();
        var image = TestImages.OfEntries("localhost/cut:2", LayerEntry.File("big", new byte[100_000]));
        var layout = Path.Combine(harness.Scratch, "layout");
        OciImageWriter.WriteOciLayout(image with { Compression = LayerCompression.None }, layout);
        TruncateLayer(layout, 50_000);
        var before = harness.Snapshot();

        var error = await Assert.ThrowsAsync<ImageFormatException>(() => harness.Store.LoadDirectoryAsync(layout, Ct));

        Assert.Contains("truncated", error.Message, StringComparison.Ordinal);
        Assert.Equal(before, harness.Snapshot());
    }

    [Fact]
    public async Task NotAnArchive_IsRefused()
    {
        using var harness = await HarnessWithOneImage();

        await AssertRefused(harness, Encoding.UTF8.GetBytes(new string('x', 3000)), "archive");
    }

    [Fact]
    public async Task JsonOverCap_IsRefused()
    {
        using var harness = await HarnessWithOneImage(o => o.ImportMaxJsonBytes = 300);
        var image = TestImages.Simple("localhost/big:1") with
        {
            Config = new ImageConfig { Env = [.. Enumerable.Range(0, 50).Select(i => $"VARIABLE_{i}=some value")] },
        };

        var error = await AssertRefused(harness, TestImages.Archive(image), "ImportMaxJsonBytes");
        Assert.Contains("300-byte cap", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ArchiveEntryCountOverCap_IsRefused()
    {
        using var harness = await HarnessWithOneImage(o => o.ImportMaxEntries = 5);

        await AssertRefused(harness, TestImages.Archive(TestImages.Simple("localhost/many:1")), "more than 5 entries");
    }

    [Fact]
    public async Task LayerEntryCountOverCap_IsRefused()
    {
        using var harness = await HarnessWithOneImage(o => o.ImportMaxEntries = 20);
        var image = TestImages.OfEntries("localhost/many:2", [.. Enumerable.Range(0, 30).Select(i => LayerEntry.File($"f{i}", "x"))]);
        var layout = Path.Combine(harness.Scratch, "layout");
        OciImageWriter.WriteOciLayout(image, layout);
        var before = harness.Snapshot();

        var error = await Assert.ThrowsAsync<ImageFormatException>(() => harness.Store.LoadDirectoryAsync(layout, Ct));

        Assert.Contains("more than 20 entries", error.Message, StringComparison.Ordinal);
        Assert.StartsWith("layer sha256:", error.Message, StringComparison.Ordinal);
        Assert.Equal(before, harness.Snapshot());
    }

    [Fact]
    public async Task GzipBomb_IsRefusedWhileStreaming()
    {
        using var harness = await HarnessWithOneImage(o => o.ImportMaxBytes = 10 * 1024 * 1024);
        var bomb = TestImages.OfEntries("localhost/bomb:1", LayerEntry.File("zeros", new byte[50 * 1024 * 1024]));
        var archive = TestImages.Archive(bomb);
        Assert.True(archive.Length < 1024 * 1024, "the compressed archive is small");

        var error = await AssertRefused(harness, archive, "ImportMaxBytes");
        Assert.Contains("uncompressed layers", error.Message, StringComparison.Ordinal);
    }

    private static async Task RefusedAfterTampering(string expected, Action<string> tamper, ArchiveFormat format = ArchiveFormat.OciArchive)
    {
        using var harness = await HarnessWithOneImage();
        var dir = Path.Combine(harness.Scratch, "tampered");
        TestImages.Unpack(TestImages.Archive(TestImages.Simple("localhost/bad:1", "other content"), format), dir);
        tamper(dir);

        await AssertRefused(harness, TestImages.Pack(dir), expected);
    }

    private static async Task<ImageFormatException> AssertRefused(StoreHarness harness, byte[] archive, string expected)
    {
        var before = harness.Snapshot();

        var error = await Assert.ThrowsAsync<ImageFormatException>(() => harness.LoadAsync(archive));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.Equal(before, harness.Snapshot());
        Assert.Equal(["keep"], Directory.GetFiles(harness.Canary).Select(Path.GetFileName));
        return error;
    }

    /// <summary>A store that already holds an image, so "left as before" also covers what was there.</summary>
    private static async Task<StoreHarness> HarnessWithOneImage(Action<EngineOptions>? configure = null)
    {
        var harness = new StoreHarness();
        await harness.LoadAsync(TestImages.Archive(TestImages.OfEntries("localhost/existing:1", LayerEntry.File("existing", "here"))));
        configure?.Invoke(harness.Options);
        return harness;
    }

    /// <summary>Cuts the layer blob of a one-layer OCI layout and re-seals manifest and index, so only the tar is broken.</summary>
    private static void TruncateLayer(string layout, int length)
    {
        var blobs = Path.Combine(layout, "blobs", "sha256");
        var index = JsonNode.Parse(File.ReadAllText(Path.Combine(layout, "index.json")))!;
        var manifestDescriptor = index["manifests"]![0]!;
        var manifestPath = Path.Combine(blobs, manifestDescriptor["digest"]!.GetValue<string>()[7..]);
        var manifest = JsonNode.Parse(File.ReadAllText(manifestPath))!;
        var layer = manifest["layers"]![0]!;
        var layerPath = Path.Combine(blobs, layer["digest"]!.GetValue<string>()[7..]);
        var cut = File.ReadAllBytes(layerPath)[..length];
        File.Delete(layerPath);
        layer["digest"] = "sha256:" + WriteBlob(blobs, cut);
        layer["size"] = cut.Length;
        var manifestBytes = Encoding.UTF8.GetBytes(manifest.ToJsonString());
        File.Delete(manifestPath);
        manifestDescriptor["digest"] = "sha256:" + WriteBlob(blobs, manifestBytes);
        manifestDescriptor["size"] = manifestBytes.Length;
        File.WriteAllText(Path.Combine(layout, "index.json"), index.ToJsonString());
    }

    private static string WriteBlob(string blobs, byte[] content)
    {
        var hex = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(content));
        File.WriteAllBytes(Path.Combine(blobs, hex), content);
        return hex;
    }

    private static string LargestBlob(string dir) =>
        Directory.GetFiles(dir, "*", SearchOption.AllDirectories)
            .Where(f => new FileInfo(f).LinkTarget is null && !f.EndsWith(".json", StringComparison.Ordinal))
            .OrderByDescending(f => new FileInfo(f).Length).First();

    [GeneratedRegex("\"Config\":\"([^\"]+)\"")]
    private static partial Regex ConfigName();

    [GeneratedRegex("\"diff_ids\":\\[\"sha256:([0-9a-f]{64})\"")]
    private static partial Regex DiffId();
}
