using Portal.Engine.Errors;
using Portal.Engine.Images;

namespace Portal.Engine.Tests.Images;

public sealed class TagAndRemoveTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Inspect_FindsByEveryKindOfReference()
    {
        using var harness = new StoreHarness();
        var id = Assert.Single(await harness.LoadAsync(TestImages.Archive(TestImages.Simple("docker.io/library/busybox:latest")))).Id;
        var hex = id["sha256:".Length..];

        foreach (var reference in new[] { "busybox", "busybox:latest", "docker.io/library/busybox:latest", id, hex, hex[..12], hex[..1] })
        {
            Assert.Equal(id, (await harness.Store.InspectAsync(reference, Ct)).Id);
        }

        Assert.Equal(["busybox:latest"], (await harness.Store.InspectAsync(id, Ct)).RepoTags);
        var missing = await Assert.ThrowsAsync<NotFoundException>(() => harness.Store.InspectAsync("nope:1", Ct));
        Assert.Equal("No such image: nope:1", missing.Message);
    }

    [Fact]
    public async Task AmbiguousShortId_IsRefused()
    {
        using var harness = new StoreHarness();
        // 17 images: two of them must share the first hex digit of their id.
        for (var i = 0; i < 17; i++)
        {
            await harness.LoadAsync(TestImages.Archive(TestImages.OfEntries($"localhost/n{i}:1", LayerEntry.File("f", i.ToString(System.Globalization.CultureInfo.InvariantCulture)))));
        }

        var shared = (await harness.Store.ListAsync(Ct)).GroupBy(d => d.Id[7]).First(g => g.Count() > 1).Key.ToString();

        var error = await Assert.ThrowsAsync<InvalidArgumentException>(() => harness.Store.InspectAsync(shared, Ct));
        Assert.Contains("ambiguous", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Tag_AddsAName_AndMovingATagLeavesTheOldImageUntagged()
    {
        using var harness = new StoreHarness();
        var first = Assert.Single(await harness.LoadAsync(TestImages.Archive(TestImages.Simple("localhost/x:1", "one")))).Id;
        await harness.Store.TagAsync(first, "localhost/alias", "", Ct);
        Assert.Equal(first, (await harness.Store.InspectAsync("localhost/alias:latest", Ct)).Id);

        var second = Assert.Single(await harness.LoadAsync(TestImages.Archive(TestImages.Simple("localhost/x:1", "two")))).Id;

        Assert.NotEqual(first, second);
        Assert.Equal(["localhost/alias:latest"], (await harness.Store.InspectAsync(first, Ct)).RepoTags);
        Assert.Equal(second, (await harness.Store.InspectAsync("localhost/x:1", Ct)).Id);
        await harness.Store.TagAsync("localhost/x:1", "localhost/alias", "latest", Ct);
        Assert.Empty((await harness.Store.InspectAsync(first, Ct)).RepoTags);
        Assert.Equal(2, (await harness.Store.ListAsync(Ct)).Count);
        await Assert.ThrowsAsync<InvalidArgumentException>(() => harness.Store.TagAsync(first, "UPPER", "1", Ct));
    }

    [Fact]
    public async Task RemoveOneOfSeveralNames_OnlyUntags()
    {
        using var harness = new StoreHarness();
        var id = Assert.Single(await harness.LoadAsync(TestImages.Archive(TestImages.Simple("localhost/x:1")))).Id;
        await harness.Store.TagAsync(id, "localhost/y", "2", Ct);
        harness.Store.SetUsageCheck(_ => true);

        var results = await harness.Store.RemoveAsync("localhost/x:1", force: false, Ct);

        Assert.Equal([new ImageDeleteResult("localhost/x:1", null)], results);
        Assert.Equal(["localhost/y:2"], (await harness.Store.InspectAsync(id, Ct)).RepoTags);
        Assert.Equal(2, harness.LayerDirectories.Length);
    }

    [Fact]
    public async Task RemoveLastName_DeletesImageAndUnsharedLayers()
    {
        using var harness = new StoreHarness();
        var a = Assert.Single(await harness.LoadAsync(TestImages.Archive(TestImages.Simple("localhost/a:1", "a")))).Id;
        var b = Assert.Single(await harness.LoadAsync(TestImages.Archive(TestImages.Simple("localhost/b:1", "b")))).Id;
        Assert.Equal(3, harness.LayerDirectories.Length);
        var sharedBase = harness.Store.GetLayerDirectories(b)[0];

        var results = await harness.Store.RemoveAsync("localhost/a:1", force: false, Ct);

        Assert.Equal([new ImageDeleteResult("localhost/a:1", null), new ImageDeleteResult(null, a)], results);
        await Assert.ThrowsAsync<NotFoundException>(() => harness.Store.InspectAsync(a, Ct));
        Assert.Equal(2, harness.LayerDirectories.Length);
        Assert.True(Directory.Exists(sharedBase));
        Assert.False(File.Exists(Path.Combine(harness.Root, "blobs", "sha256", a[7..])));
        Assert.Equal(2, Directory.GetFileSystemEntries(Path.Combine(harness.Root, "l")).Length);

        await harness.Store.RemoveAsync(b, force: false, Ct);
        Assert.Empty(harness.LayerDirectories);
        Assert.Empty(Directory.GetFileSystemEntries(Path.Combine(harness.Root, "blobs", "sha256")));
        Assert.Empty(Directory.GetFileSystemEntries(Path.Combine(harness.Root, "l")));
        Assert.Empty(await harness.Store.ListAsync(Ct));
    }

    [Fact]
    public async Task RemoveByIdWithSeveralNames_NeedsForce()
    {
        using var harness = new StoreHarness();
        var id = Assert.Single(await harness.LoadAsync(TestImages.Archive(TestImages.Simple("localhost/x:1")))).Id;
        await harness.Store.TagAsync(id, "localhost/y", "2", Ct);

        var error = await Assert.ThrowsAsync<ConflictException>(() => harness.Store.RemoveAsync(id[7..19], force: false, Ct));
        Assert.Equal($"conflict: unable to delete {id[7..19]} (must be forced) - image is referenced in multiple repositories", error.Message);

        var results = await harness.Store.RemoveAsync(id, force: true, Ct);
        Assert.Equal(3, results.Count);
        Assert.Equal(id, results[^1].Deleted);
        Assert.Empty(harness.LayerDirectories);
    }

    [Fact]
    public async Task RemoveWhileInUse_IsAConflict_AndForceOnlyUntags()
    {
        using var harness = new StoreHarness();
        var id = Assert.Single(await harness.LoadAsync(TestImages.Archive(TestImages.Simple("localhost/x:1")))).Id;
        harness.Store.SetUsageCheck(image => image == id);

        var error = await Assert.ThrowsAsync<ConflictException>(() => harness.Store.RemoveAsync("localhost/x:1", force: false, Ct));
        Assert.Equal($"conflict: unable to delete {id[7..19]} (must be forced) - image is being used by running container", error.Message);
        Assert.Equal(["localhost/x:1"], (await harness.Store.InspectAsync(id, Ct)).RepoTags);

        var results = await harness.Store.RemoveAsync("localhost/x:1", force: true, Ct);

        Assert.Equal([new ImageDeleteResult("localhost/x:1", null)], results);
        Assert.Empty((await harness.Store.InspectAsync(id, Ct)).RepoTags);
        Assert.Equal(2, harness.Store.GetLayerDirectories(id).Count(Directory.Exists));

        harness.Store.SetUsageCheck(_ => false);
        Assert.Equal(id, Assert.Single(await harness.Store.RemoveAsync(id, force: false, Ct)).Deleted);
    }
}
