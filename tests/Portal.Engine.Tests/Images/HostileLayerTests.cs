using System.Runtime.Versioning;
using Portal.Engine.Errors;
using Portal.Engine.Images;

namespace Portal.Engine.Tests.Images;

/// <summary>Layer tars that try to write outside their root are refused, naming the entry, and touch nothing.</summary>
[SupportedOSPlatform("linux")]
public sealed class HostileLayerTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public Task DotDotName_IsRefused() =>
        AssertRefused("'../escape' contains a '..' component", _ => [LayerEntry.File("../escape", "x")]);

    [Fact]
    public Task AbsoluteName_IsRefused() =>
        AssertRefused("'/portal-abs-escape/pwned' is an absolute path", _ => [LayerEntry.File("/portal-abs-escape/pwned", "x")],
            () => Assert.False(Directory.Exists("/portal-abs-escape")));

    [Fact]
    public Task DotDotInTheMiddle_IsRefused() =>
        AssertRefused("'a/../../escape' contains a '..' component", _ => [LayerEntry.Directory("a"), LayerEntry.File("a/../../escape", "x")]);

    [Fact]
    public Task WriteThroughAbsoluteSymlink_IsRefused() =>
        AssertRefused("entry 'evil/pwned' passes through the symlink 'evil'", h => [LayerEntry.Symlink("evil", h.Canary), LayerEntry.File("evil/pwned", "x")]);

    [Fact]
    public Task WriteThroughRelativeSymlinkUpwards_IsRefused() =>
        AssertRefused("entry 'up/escaped' passes through the symlink 'up'", _ => [LayerEntry.Symlink("up", "../../../../../../../.."), LayerEntry.File("up/escaped", "x")],
            () => Assert.False(File.Exists("/escaped")));

    [Fact]
    public Task DirectoryThroughSymlink_IsRefused() =>
        AssertRefused("passes through the symlink 'evil'", h => [LayerEntry.Symlink("evil", h.Canary), LayerEntry.Directory("evil/sub")]);

    [Fact]
    public Task HardlinkToAbsolutePath_IsRefused() =>
        AssertRefused("'/etc/passwd' is an absolute path", _ => [LayerEntry.Hardlink("passwd", "/etc/passwd")]);

    [Fact]
    public Task HardlinkOutsideTheLayer_IsRefused() =>
        AssertRefused("'../outside' contains a '..' component", _ => [LayerEntry.Hardlink("link", "../outside")]);

    [Fact]
    public Task HardlinkThroughSymlink_IsRefused() =>
        AssertRefused("passes through the symlink 'evil'", h => [LayerEntry.Symlink("evil", h.Canary), LayerEntry.Hardlink("stolen", "evil/keep")]);

    [Fact]
    public Task HardlinkToMissingTarget_IsRefused() =>
        AssertRefused("is a hardlink to 'nowhere', which is not in this layer", _ => [LayerEntry.Hardlink("link", "nowhere")]);

    [Fact]
    public async Task HardlinkToASymlink_LinksTheSymlinkItself()
    {
        using var harness = new StoreHarness();
        var passwdLinks = new FileInfo("/etc/passwd").Exists ? LinkCount("/etc/passwd") : 0;

        var loaded = Assert.Single(await harness.LoadAsync(TestImages.Archive(TestImages.OfEntries("localhost/contained:1",
            LayerEntry.Symlink("evil", "/etc/passwd"), LayerEntry.Hardlink("h", "evil")))));

        var layer = Assert.Single(harness.Store.GetLayerDirectories(loaded.Id));
        Assert.Equal("/etc/passwd", new FileInfo(Path.Combine(layer, "h")).LinkTarget);
        Assert.Equal(passwdLinks, new FileInfo("/etc/passwd").Exists ? LinkCount("/etc/passwd") : 0);
    }

    [Fact]
    public async Task LegitLinks_AreKept()
    {
        using var harness = new StoreHarness();

        var loaded = Assert.Single(await harness.LoadAsync(TestImages.Archive(TestImages.OfEntries("localhost/links:1",
            LayerEntry.Directory("bin"), LayerEntry.File("bin/busybox", "binary", (UnixFileMode)0x1ED),
            LayerEntry.Hardlink("bin/sh", "bin/busybox"), LayerEntry.Symlink("bin/ls", "/bin/busybox"),
            LayerEntry.File("replaced", "old"), LayerEntry.File("replaced", "new")))));

        var layer = Assert.Single(harness.Store.GetLayerDirectories(loaded.Id));
        Assert.Equal(2, LinkCount(Path.Combine(layer, "bin", "busybox")));
        Assert.Equal("binary", await File.ReadAllTextAsync(Path.Combine(layer, "bin", "sh"), Ct));
        Assert.Equal("/bin/busybox", new FileInfo(Path.Combine(layer, "bin", "ls")).LinkTarget);
        Assert.Equal("new", await File.ReadAllTextAsync(Path.Combine(layer, "replaced"), Ct));
    }

    private static async Task AssertRefused(string expected, Func<StoreHarness, LayerEntry[]> entries, Action? alsoCheck = null)
    {
        using var harness = new StoreHarness();
        await harness.LoadAsync(TestImages.Archive(TestImages.OfEntries("localhost/existing:1", LayerEntry.File("existing", "here"))));
        var before = harness.Snapshot();

        var error = await Assert.ThrowsAsync<ImageFormatException>(() =>
            harness.LoadAsync(TestImages.Archive(TestImages.OfEntries("localhost/hostile:1", entries(harness)))));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.Equal(before, harness.Snapshot());
        Assert.Equal(["keep"], Directory.GetFileSystemEntries(harness.Canary).Select(Path.GetFileName));
        Assert.Empty(harness.StrayFiles());
        alsoCheck?.Invoke();
    }

    private static unsafe long LinkCount(string path)
    {
        Tmds.Linux.stat st;
        var bytes = System.Text.Encoding.UTF8.GetBytes(path + "\0");
        fixed (byte* p = bytes)
        {
            Assert.Equal(0, Tmds.Linux.LibC.fstatat(Tmds.Linux.LibC.AT_FDCWD, p, &st, Tmds.Linux.LibC.AT_SYMLINK_NOFOLLOW));
        }

        return (long)(ulong)st.st_nlink;
    }
}
