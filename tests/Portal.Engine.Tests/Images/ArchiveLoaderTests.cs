using Portal.Engine.Errors;
using Portal.Engine.Images;

namespace Portal.Engine.Tests.Images;

/// <summary>IImageArchiveLoader: inspecting an archive stores nothing; loading one gives it only the caller's name.</summary>
public sealed class ArchiveLoaderTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(ArchiveFormat.OciArchive)]
    [InlineData(ArchiveFormat.DockerArchive)]
    [InlineData(ArchiveFormat.DockerOciArchive)]
    public async Task InspectArchive_ReadsConfigAndAnnotations_AndStoresNothing(ArchiveFormat format)
    {
        using var harness = new StoreHarness();
        var path = Path.Combine(harness.Scratch, "image.tar");
        await File.WriteAllBytesAsync(path, TestImages.Archive(TestImages.Simple("localhost/x:1"), format), Ct);
        var before = harness.Snapshot();

        var image = Assert.Single(await harness.Store.InspectArchiveAsync(path, Ct));

        Assert.Equal(["8080/tcp"], image.Config.ExposedPorts);
        Assert.Equal("1000:1000", image.Config.User);
        Assert.Equal("demo", image.Config.Labels["org.example.kind"]);
        Assert.Equal(["localhost/x:1"], image.RepoTags);
        Assert.Equal(2, image.DiffIds.Count);
        if (format != ArchiveFormat.DockerArchive)
        {
            Assert.Equal("Demo", image.Annotations["org.opencontainers.image.title"]);
        }

        Assert.Equal(before, harness.Snapshot());
        Assert.Empty(await harness.Store.ListAsync(Ct));

        var loaded = await harness.Store.LoadArchiveAsAsync(path, "localhost/vendor/app:1.0.0", Ct);
        Assert.Equal(image.Id, loaded.Id);
    }

    [Fact]
    public async Task InspectArchive_ReadsAnOciLayoutDirectory()
    {
        using var harness = new StoreHarness();
        var layout = Path.Combine(harness.Scratch, "layout");
        OciImageWriter.WriteOciLayout(TestImages.Simple("localhost/x:1"), layout);

        var image = Assert.Single(await harness.Store.InspectArchiveAsync(layout, Ct));

        Assert.Equal(["8080/tcp"], image.Config.ExposedPorts);
        Assert.Equal(image.Id, (await harness.Store.LoadArchiveAsAsync(layout, "localhost/v/app:1", Ct)).Id);
    }

    [Fact]
    public async Task InspectArchive_RefusesACorruptBlob()
    {
        using var harness = new StoreHarness();
        var layout = Path.Combine(harness.Scratch, "layout");
        OciImageWriter.WriteOciLayout(TestImages.Simple("localhost/x:1"), layout);
        var config = (await harness.Store.InspectArchiveAsync(layout, Ct))[0].Id["sha256:".Length..];
        var blob = Path.Combine(layout, "blobs", "sha256", config);
        var bytes = await File.ReadAllBytesAsync(blob, Ct);
        bytes[^2] ^= 1;
        await File.WriteAllBytesAsync(blob, bytes, Ct);

        var error = await Assert.ThrowsAsync<ImageFormatException>(() => harness.Store.InspectArchiveAsync(layout, Ct));

        Assert.Contains("digest mismatch", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LoadArchiveAs_IgnoresTheArchiveNames_SoAnotherImageKeepsItsName()
    {
        using var harness = new StoreHarness();
        var owner = Assert.Single(await harness.LoadAsync(TestImages.Archive(TestImages.Simple("busybox:latest", "admin's")))).Id;
        var path = Path.Combine(harness.Scratch, "vendor.tar");
        await File.WriteAllBytesAsync(path, TestImages.Archive(TestImages.Simple("busybox:latest", "vendor's")), Ct);

        var loaded = await harness.Store.LoadArchiveAsAsync(path, "localhost/vendor/app:1.0.0", Ct);

        Assert.Equal(["localhost/vendor/app:1.0.0"], loaded.RepoTags);
        Assert.Equal(owner, (await harness.Store.InspectAsync("busybox:latest", Ct)).Id);
        Assert.Equal(["localhost/vendor/app:1.0.0"], (await harness.Store.InspectAsync(loaded.Id, Ct)).RepoTags);
    }

    [Fact]
    public async Task LoadArchiveAs_RefusesAnArchiveOfTwoImages_AndStoresNothing()
    {
        using var harness = new StoreHarness();
        var layout = Path.Combine(harness.Scratch, "two");
        TestImages.Unpack(TestImages.Archive(TestImages.Simple("localhost/a:1", "a"), ArchiveFormat.DockerArchive), layout);
        var other = Path.Combine(harness.Scratch, "other");
        TestImages.Unpack(TestImages.Archive(TestImages.Simple("localhost/b:1", "b"), ArchiveFormat.DockerArchive), other);
        MergeDockerArchives(layout, other);
        var path = Path.Combine(harness.Scratch, "two.tar");
        await File.WriteAllBytesAsync(path, TestImages.Pack(layout), Ct);
        Assert.Equal(2, (await harness.Store.InspectArchiveAsync(path, Ct)).Count);

        var error = await Assert.ThrowsAsync<ImageFormatException>(() => harness.Store.LoadArchiveAsAsync(path, "localhost/v/app:1", Ct));

        Assert.Contains("holds 2 images", error.Message, StringComparison.Ordinal);
        Assert.Empty(await harness.Store.ListAsync(Ct));
    }

    private static void MergeDockerArchives(string into, string from)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories).Where(f => Path.GetFileName(f) != "manifest.json"))
        {
            var target = Path.Combine(into, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target, overwrite: true);
        }

        var a = File.ReadAllText(Path.Combine(into, "manifest.json")).Trim();
        var b = File.ReadAllText(Path.Combine(from, "manifest.json")).Trim();
        File.WriteAllText(Path.Combine(into, "manifest.json"), a[..^1] + "," + b[1..]);
    }
}
