using System.Runtime.Versioning;
using System.Text.Json.Nodes;
using Portal.Engine.Images;

namespace Portal.Engine.Tests.Images;

[SupportedOSPlatform("linux")]
public sealed class ArchiveRoundTripTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(ArchiveFormat.OciArchive, LayerCompression.Gzip)]
    [InlineData(ArchiveFormat.OciArchive, LayerCompression.Zstd)]
    [InlineData(ArchiveFormat.OciArchive, LayerCompression.None)]
    [InlineData(ArchiveFormat.DockerArchive, LayerCompression.None)]
    [InlineData(ArchiveFormat.DockerArchive, LayerCompression.Gzip)]
    [InlineData(ArchiveFormat.DockerOciArchive, LayerCompression.Gzip)]
    [InlineData(ArchiveFormat.DockerOciArchive, LayerCompression.Zstd)]
    public async Task Archive_RoundTripsNameConfigAndLayers(ArchiveFormat format, LayerCompression compression)
    {
        using var harness = new StoreHarness();
        var image = TestImages.Simple("localhost/demo:1", compression: compression);

        var loaded = await harness.LoadAsync(TestImages.Archive(image, format));

        var result = Assert.Single(loaded);
        Assert.Equal(["localhost/demo:1"], result.RepoTags);
        var details = await harness.Store.InspectAsync("localhost/demo:1", Ct);
        AssertConfig(details, result.Id);
        if (format != ArchiveFormat.DockerArchive)
        {
            Assert.Equal("Demo", details.Annotations["org.opencontainers.image.title"]);
            Assert.Equal("1.2", details.Annotations["org.opencontainers.image.version"]);
        }
        else
        {
            Assert.Empty(details.Annotations);
        }

        var layers = harness.Store.GetLayerDirectories(result.Id);
        Assert.Equal(2, layers.Count);
        Assert.Equal("base layer", await File.ReadAllTextAsync(Path.Combine(layers[0], "etc", "base"), Ct));
        Assert.Equal("hello", await File.ReadAllTextAsync(Path.Combine(layers[1], "app", "content"), Ct));
        Assert.Equal((UnixFileMode)0x1ED, File.GetUnixFileMode(Path.Combine(layers[1], "app", "content")));
        Assert.Equal(ImageBuild.DefaultTime, File.GetLastWriteTimeUtc(Path.Combine(layers[1], "app", "content")));
        Assert.Equal("base layer".Length + "hello".Length, details.Size);
    }

    [Fact]
    public async Task OciLayoutDirectory_Loads()
    {
        using var harness = new StoreHarness();
        var layout = Path.Combine(harness.Scratch, "layout");
        OciImageWriter.WriteOciLayout(TestImages.Simple("localhost/layout:2"), layout);

        var result = Assert.Single(await harness.Store.LoadDirectoryAsync(layout, Ct));

        Assert.Equal(["localhost/layout:2"], result.RepoTags);
        AssertConfig(await harness.Store.InspectAsync(result.Id, Ct), result.Id);
        Assert.True(File.Exists(Path.Combine(layout, "index.json")), "the layout directory is left as it was");
    }

    [Fact]
    public async Task NestedIndex_IsFollowed_AndNamesTheImageFromTheOuterDescriptor()
    {
        using var harness = new StoreHarness();
        var layout = Path.Combine(harness.Scratch, "nested");
        OciImageWriter.WriteOciLayout(TestImages.Simple("localhost/inner:1"), layout);
        var indexPath = Path.Combine(layout, "index.json");
        var inner = JsonNode.Parse(await File.ReadAllTextAsync(indexPath, Ct))!;
        var descriptor = inner["manifests"]![0]!;
        descriptor["annotations"] = null;
        descriptor["platform"] = new JsonObject { ["architecture"] = "amd64" == RuntimeArch() ? "arm64" : "amd64", ["os"] = "linux" };
        var native = JsonNode.Parse(descriptor.ToJsonString())!;
        native["platform"]!["architecture"] = RuntimeArch();
        inner["manifests"] = new JsonArray(descriptor.DeepClone(), native);
        var innerBytes = System.Text.Encoding.UTF8.GetBytes(inner.ToJsonString());
        var innerHex = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(innerBytes));
        await File.WriteAllBytesAsync(Path.Combine(layout, "blobs", "sha256", innerHex), innerBytes, Ct);
        var outer = new JsonObject
        {
            ["schemaVersion"] = 2,
            ["manifests"] = new JsonArray(new JsonObject
            {
                ["mediaType"] = "application/vnd.oci.image.index.v1+json",
                ["digest"] = "sha256:" + innerHex,
                ["size"] = innerBytes.Length,
                ["annotations"] = new JsonObject { ["org.opencontainers.image.ref.name"] = "localhost/outer:2" },
            }),
        };
        await File.WriteAllTextAsync(indexPath, outer.ToJsonString(), Ct);

        var result = Assert.Single(await harness.Store.LoadDirectoryAsync(layout, Ct));

        Assert.Equal(["localhost/outer:2"], result.RepoTags);
        AssertConfig(await harness.Store.InspectAsync("localhost/outer:2", Ct), result.Id);
    }

    private static string RuntimeArch() => System.Runtime.InteropServices.RuntimeInformation.OSArchitecture switch
    {
        System.Runtime.InteropServices.Architecture.Arm64 => "arm64",
        _ => "amd64",
    };

    [Fact]
    public void DockerArchive_HasPodmanLayout()
    {
        var archive = TestImages.Archive(TestImages.Simple("localhost/probe:1", compression: LayerCompression.None), ArchiveFormat.DockerArchive);
        using var temp = new TestSupport.TempDirectory();
        TestImages.Unpack(archive, temp.Path);

        var manifest = File.ReadAllText(temp.Combine("manifest.json"));
        Assert.Contains("\"RepoTags\":[\"localhost/probe:1\"]", manifest, StringComparison.Ordinal);
        Assert.Contains("{\"localhost/probe\":{\"1\":", File.ReadAllText(temp.Combine("repositories")), StringComparison.Ordinal);
        var legacy = Directory.GetDirectories(temp.Path);
        Assert.Equal(2, legacy.Length);
        foreach (var dir in legacy)
        {
            Assert.Equal("1.0", File.ReadAllText(Path.Combine(dir, "VERSION")));
            var link = new FileInfo(Path.Combine(dir, "layer.tar")).LinkTarget;
            Assert.Matches("^\\.\\./[0-9a-f]{64}\\.tar$", link);
            Assert.True(File.Exists(Path.Combine(temp.Path, link![3..])));
        }
    }

    [Fact]
    public async Task LegacyLayerPaths_ThroughSymlinks_AreFollowedInsideTheArchive()
    {
        using var harness = new StoreHarness();
        var dir = Path.Combine(harness.Scratch, "unpacked");
        TestImages.Unpack(TestImages.Archive(TestImages.Simple("localhost/legacy:1"), ArchiveFormat.DockerArchive), dir);
        var manifestPath = Path.Combine(dir, "manifest.json");
        var manifest = await File.ReadAllTextAsync(manifestPath, Ct);
        foreach (var legacy in Directory.GetDirectories(dir))
        {
            var target = new FileInfo(Path.Combine(legacy, "layer.tar")).LinkTarget![3..];
            manifest = manifest.Replace(target, Path.GetFileName(legacy) + "/layer.tar", StringComparison.Ordinal);
        }

        await File.WriteAllTextAsync(manifestPath, manifest, Ct);
        var loaded = Assert.Single(await harness.LoadAsync(TestImages.Pack(dir)));

        Assert.Equal(2, harness.Store.GetLayerDirectories(loaded.Id).Count);
    }

    [Fact]
    public void Writer_IsDeterministic()
    {
        foreach (var format in Enum.GetValues<ArchiveFormat>())
        {
            Assert.Equal(TestImages.Archive(TestImages.Simple("x:1"), format), TestImages.Archive(TestImages.Simple("x:1"), format));
        }
    }

    [Fact]
    public async Task LayerFromDirectory_KeepsFilesSymlinksAndModes()
    {
        using var harness = new StoreHarness();
        var source = Path.Combine(harness.Scratch, "src");
        Directory.CreateDirectory(Path.Combine(source, "bin"));
        await File.WriteAllTextAsync(Path.Combine(source, "bin", "tool"), "#!/bin/sh\n", Ct);
        File.SetUnixFileMode(Path.Combine(source, "bin", "tool"), (UnixFileMode)0x1ED);
        File.CreateSymbolicLink(Path.Combine(source, "bin", "alias"), "tool");
        var image = new ImageBuild { Layers = [LayerSource.FromDirectory(source)], Tags = ["localhost/dir:1"] };

        var loaded = Assert.Single(await harness.LoadAsync(TestImages.Archive(image)));

        var layer = Assert.Single(harness.Store.GetLayerDirectories(loaded.Id));
        Assert.Equal("#!/bin/sh\n", await File.ReadAllTextAsync(Path.Combine(layer, "bin", "tool"), Ct));
        Assert.Equal((UnixFileMode)0x1ED, File.GetUnixFileMode(Path.Combine(layer, "bin", "tool")));
        Assert.Equal("tool", new FileInfo(Path.Combine(layer, "bin", "alias")).LinkTarget);
    }

    [Fact]
    public async Task SameImageTwice_AndSharedBaseLayer_StoreEachLayerOnce()
    {
        using var harness = new StoreHarness();
        await harness.LoadAsync(TestImages.Archive(TestImages.Simple("localhost/a:1", "first")));
        Assert.Equal(2, harness.LayerDirectories.Length);
        // A marker in the stored layer proves the second import did not extract it again.
        var marker = Path.Combine(harness.LayerDirectories[0], "diff", "marker");
        await File.WriteAllTextAsync(marker, "kept", Ct);

        await harness.LoadAsync(TestImages.Archive(TestImages.Simple("localhost/a:1", "first"), ArchiveFormat.DockerArchive));
        await harness.LoadAsync(TestImages.Archive(TestImages.Simple("localhost/b:1", "second")));

        Assert.Equal(3, harness.LayerDirectories.Length);
        Assert.True(File.Exists(marker));
        Assert.Equal(2, (await harness.Store.ListAsync(Ct)).Count);
    }

    [Fact]
    public async Task Index_SurvivesRestart_AndStartupSweepsLeftovers()
    {
        using var harness = new StoreHarness();
        var loaded = Assert.Single(await harness.LoadAsync(TestImages.Archive(TestImages.Simple("localhost/keep:1"))));
        Directory.CreateDirectory(Path.Combine(harness.Root, "tmp", "import-crashed", "layers"));
        Directory.CreateDirectory(Path.Combine(harness.Root, "layers", new string('e', 64), "diff"));
        await File.WriteAllTextAsync(Path.Combine(harness.Root, "blobs", "sha256", new string('f', 64)), "orphan", Ct);

        using var reopened = harness.Reopen();

        Assert.Equal(loaded.Id, (await reopened.InspectAsync("localhost/keep:1", Ct)).Id);
        Assert.Empty(Directory.GetFileSystemEntries(Path.Combine(harness.Root, "tmp")));
        Assert.Equal(2, harness.LayerDirectories.Length);
        Assert.False(File.Exists(Path.Combine(harness.Root, "blobs", "sha256", new string('f', 64))));
        Assert.Equal(2, Directory.GetFileSystemEntries(Path.Combine(harness.Root, "l")).Length);
    }

    private static void AssertConfig(ImageDetails details, string id)
    {
        Assert.Equal(id, details.Id);
        Assert.StartsWith("sha256:", details.Id, StringComparison.Ordinal);
        Assert.Equal(["/bin/sh", "-c"], details.Config.Entrypoint);
        Assert.Equal(["echo hi"], details.Config.Cmd);
        Assert.Equal(["PATH=/usr/bin:/bin", "MODE=test"], details.Config.Env);
        Assert.Equal("/app", details.Config.WorkingDir);
        Assert.Equal("1000:1000", details.Config.User);
        Assert.Equal(["8080/tcp"], details.Config.ExposedPorts);
        Assert.Equal("demo", details.Config.Labels["org.example.kind"]);
        Assert.Equal(ImageBuild.DefaultTime, details.Created);
        Assert.Equal(2, details.DiffIds.Count);
    }
}
